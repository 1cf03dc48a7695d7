using System.Text.Json;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary><c>GET /master/state</c>: frameworks, agents and tasks in the shape Mesos's master writes them.</summary>
internal static class MasterStateJson
{
    private static readonly Google.Protobuf.Reflection.EnumDescriptor TaskStateNames = MesosReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(TaskState));

    public static byte[] Write(MasterState state, int index)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            lock (state.Sync)
            {
                var self = state.Masters[index];
                json.WriteStartObject();
                json.WriteString("version", self.Version);
                json.WriteString("id", self.Id);
                json.WriteString("pid", self.Pid);
                json.WriteString("hostname", self.Hostname);
                json.WriteNumber("activated_slaves", state.ActiveAgents.Count());
                json.WriteNumber("deactivated_slaves", state.Agents.Count(a => state.Administration.IsDeactivated(a.Id)));
                if (state.LeaderIndex >= 0)
                {
                    json.WriteString("leader", state.Masters[state.LeaderIndex].Pid);
                }

                json.WriteStartArray("frameworks");
                foreach (var framework in state.Frameworks)
                {
                    WriteFramework(json, framework);
                }

                json.WriteEndArray();
                json.WriteStartArray("completed_frameworks");
                foreach (var framework in state.CompletedFrameworks)
                {
                    WriteFramework(json, framework);
                }

                json.WriteEndArray();
                json.WriteStartArray("slaves");
                foreach (var agent in state.Agents)
                {
                    json.WriteStartObject();
                    json.WriteString("id", agent.Id);
                    json.WriteString("pid", $"slave(1)@{agent.Info.Hostname}:{agent.Port}");
                    json.WriteString("hostname", agent.Info.Hostname);
                    json.WriteNumber("port", agent.Port);
                    json.WritePropertyName("resources");
                    WriteResources(json, agent.Total);
                    json.WriteBoolean("active", agent.IsRegistered && !state.Administration.IsDeactivated(agent.Id));
                    json.WriteBoolean("deactivated", state.Administration.IsDeactivated(agent.Id));
                    if (state.Administration.Drain(agent.Id) is { } drain)
                    {
                        json.WriteStartObject("drain_info");
                        json.WriteString("state", drain.State == DrainState.Draining ? "DRAINING" : "DRAINED");
                        json.WriteStartObject("config");
                        json.WriteBoolean("mark_gone", drain.Config.MarkGone);
                        if (drain.Config.MaxGracePeriod is { } grace)
                        {
                            json.WriteStartObject("max_grace_period");
                            json.WriteNumber("nanoseconds", grace.Nanoseconds);
                            json.WriteEndObject();
                        }

                        json.WriteEndObject();
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        return buffer.ToArray();
    }

    private static void WriteFramework(Utf8JsonWriter json, FrameworkRecord framework)
    {
        json.WriteStartObject();
        json.WriteString("id", framework.Id);
        json.WriteString("name", framework.Info.Name);
        json.WriteString("user", framework.Info.User);
        json.WriteString("role", framework.IsMultiRole ? "*" : framework.Info.Role);
        json.WriteStartArray("roles");
        framework.Roles.ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteBoolean("active", framework.Connected);
        json.WriteBoolean("connected", framework.Connected);
        json.WriteNumber("failover_timeout", framework.Info.FailoverTimeout);
        json.WriteBoolean("checkpoint", framework.Info.Checkpoint);
        json.WriteString("principal", framework.Info.Principal);
        json.WriteStartArray("tasks");
        foreach (var task in framework.Tasks.Values)
        {
            WriteTask(json, task);
        }

        json.WriteEndArray();
        json.WriteStartArray("completed_tasks");
        foreach (var task in framework.CompletedTasks)
        {
            WriteTask(json, task);
        }

        json.WriteEndArray();

        // As Mesos sums them: what the framework's live tasks hold, and what its outstanding offers hold.
        var used = new ResourceBag();
        foreach (var task in framework.Tasks.Values.Where(t => !t.ResourcesReleased))
        {
            used.Add(task.Resources);
        }

        var offered = new ResourceBag();
        foreach (var offer in framework.Offers.Values)
        {
            offered.Add(offer.Resources);
        }

        json.WritePropertyName("used_resources");
        WriteResources(json, used);
        json.WritePropertyName("offered_resources");
        WriteResources(json, offered);
        json.WriteStartArray("offers");
        foreach (var offer in framework.Offers.Values)
        {
            json.WriteStartObject();
            json.WriteString("id", offer.Id);
            json.WriteString("framework_id", framework.Id);
            json.WriteString("slave_id", offer.Agent.Id);
            json.WritePropertyName("resources");
            WriteResources(json, offer.Resources);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A task in the JSON model of Mesos's state endpoints (src/common/http.cpp), which agents share with the master.</summary>
    public static void WriteTask(Utf8JsonWriter json, TaskRecord task)
    {
        json.WriteStartObject();
        json.WriteString("id", task.Id);
        json.WriteString("name", task.Info.Name);
        json.WriteString("framework_id", task.FrameworkId);
        json.WriteString("executor_id", task.ExecutorId ?? string.Empty);
        json.WriteString("slave_id", task.AgentId);
        json.WriteString("state", TaskStateNames.FindValueByNumber((int)task.State).Name);
        json.WritePropertyName("resources");
        WriteResources(json, task.Resources);

        json.WriteStartArray("statuses");
        foreach (var status in task.Statuses)
        {
            json.WriteStartObject();
            json.WriteString("state", TaskStateNames.FindValueByNumber((int)status.State).Name);
            json.WriteNumber("timestamp", status.Timestamp);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Mesos writes scalars as numbers and ranges as "[a-b, c-d]" strings, summed across roles.
    public static void WriteResources(Utf8JsonWriter json, ResourceBag resources)
    {
        json.WriteStartObject();
        foreach (var group in resources.Entries.GroupBy(e => e.Name, StringComparer.Ordinal))
        {
            var first = group.First().Quantity;
            if (first.Type == Value.Types.Type.Scalar)
            {
                json.WriteNumber(group.Key, group.Sum(e => e.Quantity.Scalar));
            }
            else if (first.Type == Value.Types.Type.Ranges)
            {
                json.WriteString(group.Key, "[" + string.Join(", ", group.SelectMany(e => e.Quantity.Ranges).Select(r => $"{r.Begin}-{r.End}")) + "]");
            }
            else
            {
                json.WriteString(group.Key, "{" + string.Join(", ", group.SelectMany(e => e.Quantity.Items)) + "}");
            }
        }

        json.WriteEndObject();
    }
}
