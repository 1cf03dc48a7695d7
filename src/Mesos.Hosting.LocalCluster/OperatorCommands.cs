using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;
using Mesos.Hosting.Operator;
using Mesos.Hosting.Resources;
using Mesos.V1;
using Mesos.V1.Master;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Mesos.Hosting.LocalCluster;

/// <summary>
/// <c>mesos-local frameworks|tasks|agents|teardown ID|watch [--master URL]</c>: the common operator calls, made with the
/// SDK's operator client against any master, this tool's or a real Mesos.
/// </summary>
internal static class OperatorCommands
{
    public const string Usage = """
        usage: mesos-local frameworks|tasks|agents [--master URL]
               mesos-local teardown FRAMEWORK_ID [--master URL]
               mesos-local watch [--master URL]

          --master  the master to ask, any of a cluster's (default http://127.0.0.1:5050)
        """;

    private static readonly string[] Names = ["frameworks", "tasks", "agents", "teardown", "watch"];

    public static bool IsCommand(IReadOnlyList<string> args) => args.Count > 0 && Names.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs the command; 0 when it did what it says, 1 when the master refused or could not be reached, 2 for a bad command line.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (command, operand, master) = Parse(args);
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"mesos-local: {operand}\n\n{Usage}");
            return 2;
        }

        await using var services = new ServiceCollection().AddMesosOperator(o => o.Master = master).BuildServiceProvider();
        var client = services.GetRequiredService<IMesosOperator>();
        try
        {
            await (command switch
            {
                "frameworks" => FrameworksAsync(client, cancellationToken),
                "tasks" => TasksAsync(client, cancellationToken),
                "agents" => AgentsAsync(client, cancellationToken),
                "teardown" => TeardownAsync(client, operand!, cancellationToken),
                _ => WatchAsync(client, cancellationToken),
            });
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is MesosCallException or MesosUnavailableException or MesosProtocolException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"mesos-local {command}: {ex.Message}");
            return 1;
        }
    }

    private static (string? Command, string? Operand, string Master) Parse(IReadOnlyList<string> args)
    {
        var command = args[0];
        string? operand = null;
        var master = "http://127.0.0.1:5050";
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--master" && i + 1 < args.Count)
            {
                master = args[++i];
            }
            else if (command == "teardown" && operand is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                operand = args[i];
            }
            else
            {
                return (null, $"{command}: unexpected '{args[i]}'.", master);
            }
        }

        return command == "teardown" && operand is null ? (null, "teardown needs the ID of the framework to remove.", master) : (command, operand, master);
    }

    private static async Task FrameworksAsync(IMesosOperator client, CancellationToken cancellationToken)
    {
        var frameworks = await client.GetFrameworksAsync(cancellationToken);
        var tasks = await client.GetTasksAsync(cancellationToken);
        var running = tasks.Tasks.Concat(tasks.PendingTasks).GroupBy(t => t.FrameworkId.Value).ToDictionary(g => g.Key, g => g.Count());
        Print(["ID", "NAME", "ROLES", "STATE", "TASKS"], frameworks.Frameworks.Select(f => new[]
        {
            f.FrameworkInfo.Id.Value,
            f.FrameworkInfo.Name,
            RolesOf(f.FrameworkInfo),
            f.Connected ? "connected" : f.Active ? "active, disconnected" : "inactive",
            running.GetValueOrDefault(f.FrameworkInfo.Id.Value).ToString(CultureInfo.InvariantCulture),
        }).Concat(frameworks.CompletedFrameworks.Select(f => new[] { f.FrameworkInfo.Id.Value, f.FrameworkInfo.Name, string.Empty, "completed", "0" })));
    }

    private static async Task TasksAsync(IMesosOperator client, CancellationToken cancellationToken)
    {
        var tasks = await client.GetTasksAsync(cancellationToken);
        Print(["ID", "FRAMEWORK", "AGENT", "STATE"], tasks.PendingTasks.Concat(tasks.Tasks).Concat(tasks.UnreachableTasks).Concat(tasks.CompletedTasks)
            .Select(t => new[] { t.TaskId.Value, t.FrameworkId.Value, t.AgentId?.Value ?? string.Empty, StateName(t.State) }));
    }

    private static async Task AgentsAsync(IMesosOperator client, CancellationToken cancellationToken)
    {
        var agents = await client.GetAgentsAsync(cancellationToken);
        Print(["ID", "HOSTNAME", "ACTIVE", "RESOURCES"], agents.Agents.Select(a => new[]
        {
            a.AgentInfo.Id.Value,
            a.AgentInfo.Hostname,
            a.Active ? "yes" : "no",
            ResourceSet.From(a.TotalResources.Count > 0 ? a.TotalResources : a.AgentInfo.Resources).ToString(),
        }));
    }

    private static async Task TeardownAsync(IMesosOperator client, string frameworkId, CancellationToken cancellationToken)
    {
        await client.TeardownAsync(new FrameworkID { Value = frameworkId }, cancellationToken);
        Console.WriteLine($"mesos-local: framework {frameworkId} torn down");
    }

    // One line per event until interrupted; the client resumes the stream after a loss.
    private static async Task WatchAsync(IMesosOperator client, CancellationToken cancellationToken)
    {
        await foreach (var evt in client.SubscribeAsync(cancellationToken))
        {
            Console.WriteLine(Describe(evt));
        }
    }

    private static string Describe(Event evt) => evt.Type switch
    {
        Event.Types.Type.Subscribed => $"SUBSCRIBED: {evt.Subscribed.GetState.GetFrameworks?.Frameworks.Count ?? 0} frameworks, {evt.Subscribed.GetState.GetAgents?.Agents.Count ?? 0} agents, {evt.Subscribed.GetState.GetTasks?.Tasks.Count ?? 0} tasks",
        Event.Types.Type.TaskAdded => $"TASK_ADDED {evt.TaskAdded.Task.TaskId.Value} ({StateName(evt.TaskAdded.Task.State)}) of {evt.TaskAdded.Task.FrameworkId.Value}",
        Event.Types.Type.TaskUpdated => $"TASK_UPDATED {evt.TaskUpdated.Status.TaskId.Value}: {StateName(evt.TaskUpdated.State)}",
        Event.Types.Type.FrameworkAdded => $"FRAMEWORK_ADDED {evt.FrameworkAdded.Framework.FrameworkInfo.Id.Value} ({evt.FrameworkAdded.Framework.FrameworkInfo.Name})",
        Event.Types.Type.FrameworkUpdated => $"FRAMEWORK_UPDATED {evt.FrameworkUpdated.Framework.FrameworkInfo.Id.Value}",
        Event.Types.Type.FrameworkRemoved => $"FRAMEWORK_REMOVED {evt.FrameworkRemoved.FrameworkInfo.Id.Value}",
        Event.Types.Type.AgentAdded => $"AGENT_ADDED {evt.AgentAdded.Agent.AgentInfo.Id.Value} ({evt.AgentAdded.Agent.AgentInfo.Hostname})",
        Event.Types.Type.AgentRemoved => $"AGENT_REMOVED {evt.AgentRemoved.AgentId.Value}",
        _ => evt.Type.ToString(),
    };

    // A framework without MULTI_ROLE names its one role in the deprecated field, which Mesos still fills.
#pragma warning disable CS0612
    private static string RolesOf(FrameworkInfo framework) => framework.Roles.Count > 0 ? string.Join(',', framework.Roles) : framework.Role;
#pragma warning restore CS0612

    // TASK_RUNNING, as Mesos names states, rather than the generated TaskRunning.
    private static string StateName(TaskState state)
        => typeof(TaskState).GetField(state.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? state.ToString();

    private static void Print(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }
    }
}
