using System.Globalization;
using System.Text.Json;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Resources;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// <c>GET /state</c> (and <c>/slave(1)/state</c>) of one agent in the shape Mesos's agent writes it (src/slave/http.cpp):
/// its identity, resources, attributes and flags, then its frameworks with their executors and their tasks,
/// from the master's records, which the local cluster shares with its agents, so the IDs are the master's.
/// </summary>
internal static class AgentStateJson
{
    public static byte[] Write(LocalAgent agent)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var state = agent.Master;
            lock (state.Sync)
            {
                json.WriteStartObject();
                json.WriteString("version", LocalMesosCluster.MesosVersion);
                json.WriteString("id", agent.Id);
                json.WriteString("pid", $"slave(1)@{agent.Info.Hostname}:{agent.Port}");
                json.WriteString("hostname", agent.Info.Hostname);
                json.WritePropertyName("resources");
                MasterStateJson.WriteResources(json, agent.Total);
                json.WriteStartObject("attributes");
                foreach (var attribute in agent.Info.Attributes)
                {
                    WriteAttribute(json, attribute);
                }

                json.WriteEndObject();
                if (state.LeaderIndex >= 0)
                {
                    json.WriteString("master_hostname", state.Masters[state.LeaderIndex].Hostname);
                }

                json.WriteStartObject("flags");
                foreach (var flag in AgentOperatorViews.Flags(agent).Flags)
                {
                    json.WriteString(flag.Name, flag.Value);
                }

                json.WriteEndObject();
                json.WriteStartArray("frameworks");
                foreach (var framework in state.Frameworks.Where(f => TasksOn(agent, f).Any() || agent.Runs.Any(r => r.FrameworkId == f.Id)))
                {
                    WriteFramework(json, agent, framework);
                }

                json.WriteEndArray();
                json.WriteStartArray("completed_frameworks");
                foreach (var framework in state.CompletedFrameworks.Where(f => TasksOn(agent, f).Any()))
                {
                    WriteFramework(json, agent, framework);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        return buffer.ToArray();
    }

    private static void WriteFramework(Utf8JsonWriter json, LocalAgent agent, FrameworkRecord framework)
    {
        json.WriteStartObject();
        json.WriteString("id", framework.Id);
        json.WriteString("name", framework.Info.Name);
        json.WriteString("user", framework.Info.User);
        json.WriteString("role", framework.IsMultiRole ? "*" : framework.Info.Role);
        json.WriteNumber("failover_timeout", framework.Info.FailoverTimeout);
        json.WriteBoolean("checkpoint", framework.Info.Checkpoint);
        json.WriteString("hostname", framework.Info.Hostname);

        // A command task runs under a command executor named after the task, as Mesos's agent lists it.
        var executors = TasksOn(agent, framework).GroupBy(t => t.ExecutorId ?? t.Id, StringComparer.Ordinal).ToList();
        json.WriteStartArray("executors");
        foreach (var executor in executors.Where(e => e.Any(t => !MesosTaskStates.IsTerminal(t.State)) || agent.FindExecutor(framework.Id, e.Key) is { Terminated: false }))
        {
            WriteExecutor(json, agent, framework, executor.Key, executor.ToList());
        }

        json.WriteEndArray();
        json.WriteStartArray("completed_executors");
        foreach (var executor in executors.Where(e => e.All(t => MesosTaskStates.IsTerminal(t.State)) && agent.FindExecutor(framework.Id, e.Key) is not { Terminated: false }))
        {
            WriteExecutor(json, agent, framework, executor.Key, executor.ToList());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteExecutor(Utf8JsonWriter json, LocalAgent agent, FrameworkRecord framework, string executorId, List<TaskRecord> tasks)
    {
        var run = agent.FindExecutor(framework.Id, executorId);
        json.WriteStartObject();
        json.WriteString("id", executorId);
        json.WriteString("name", run?.Info.Name ?? string.Empty);
        json.WriteString("source", run?.Info.Source ?? string.Empty);
        json.WriteString("framework_id", framework.Id);
        json.WriteString("container", run?.ContainerId ?? string.Empty);
        json.WriteString("directory", run?.Sandbox ?? string.Empty);
        json.WritePropertyName("resources");
        MasterStateJson.WriteResources(json, ResourceBag.From(run?.Info.Resources ?? []));
        json.WriteStartArray("tasks");
        tasks.Where(t => !MesosTaskStates.IsTerminal(t.State)).ToList().ForEach(t => MasterStateJson.WriteTask(json, t));
        json.WriteEndArray();
        json.WriteStartArray("queued_tasks");
        json.WriteEndArray();
        json.WriteStartArray("completed_tasks");
        tasks.Where(t => MesosTaskStates.IsTerminal(t.State)).ToList().ForEach(t => MasterStateJson.WriteTask(json, t));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static IEnumerable<TaskRecord> TasksOn(LocalAgent agent, FrameworkRecord framework)
        => framework.Tasks.Values.Concat(framework.CompletedTasks).Where(t => t.AgentId == agent.Id);

    // Mesos writes an attribute as its value: a number for a scalar, text for text, "[a-b]" for ranges, "{a,b}" for a set.
    private static void WriteAttribute(Utf8JsonWriter json, Mesos.V1.Attribute attribute)
    {
        switch (attribute.Type)
        {
            case Value.Types.Type.Scalar:
                json.WriteNumber(attribute.Name, attribute.Scalar.Value);
                break;
            case Value.Types.Type.Ranges:
                json.WriteString(attribute.Name, "[" + string.Join(", ", attribute.Ranges.Range.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Begin}-{r.End}"))) + "]");
                break;
            case Value.Types.Type.Set:
                json.WriteString(attribute.Name, "{" + string.Join(", ", attribute.Set.Item) + "}");
                break;
            default:
                json.WriteString(attribute.Name, attribute.Text.Value);
                break;
        }
    }
}
