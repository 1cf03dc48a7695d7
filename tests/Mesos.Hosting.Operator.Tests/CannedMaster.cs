using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Maintenance;
using Mesos.V1.Master;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>A master with a small cluster: what it answers to each reading call, and the events it streams.</summary>
internal static class CannedMaster
{
    public static readonly Schedule Schedule = new()
    {
        Windows =
        {
            new Window
            {
                MachineIds = { new MachineID { Hostname = "agent-1", Ip = "10.0.0.1" } },
                Unavailability = new Unavailability { Start = new TimeInfo { Nanoseconds = 1_700_000_000_000_000_000 } },
            },
        },
    };

    /// <summary>The answer to a reading call; null for the calls that answer an empty 200.</summary>
    public static Response? AnswerTo(Call.Types.Type type)
    {
        var state = SampleState.GetState();
        return type switch
        {
            Call.Types.Type.GetHealth => new() { Type = Response.Types.Type.GetHealth, GetHealth = new() { Healthy = true } },
            Call.Types.Type.GetFlags => new() { Type = Response.Types.Type.GetFlags, GetFlags = new() { Flags = { new Flag { Name = "port", Value = "5050" } } } },
            Call.Types.Type.GetVersion => new() { Type = Response.Types.Type.GetVersion, GetVersion = new() { VersionInfo = new VersionInfo { Version = "1.11.0", GitSha = "c1b42f79" } } },
            Call.Types.Type.GetMetrics => new() { Type = Response.Types.Type.GetMetrics, GetMetrics = new() { Metrics = { new Metric { Name = "master/elected", Value = 1 } } } },
            Call.Types.Type.GetLoggingLevel => new() { Type = Response.Types.Type.GetLoggingLevel, GetLoggingLevel = new() { Level = 1 } },
            Call.Types.Type.GetState => new() { Type = Response.Types.Type.GetState, GetState = state },
            Call.Types.Type.GetAgents => new() { Type = Response.Types.Type.GetAgents, GetAgents = state.GetAgents },
            Call.Types.Type.GetFrameworks => new() { Type = Response.Types.Type.GetFrameworks, GetFrameworks = state.GetFrameworks },
            Call.Types.Type.GetExecutors => new() { Type = Response.Types.Type.GetExecutors, GetExecutors = Executors() },
            Call.Types.Type.GetTasks => new() { Type = Response.Types.Type.GetTasks, GetTasks = state.GetTasks },
            Call.Types.Type.GetRoles => new() { Type = Response.Types.Type.GetRoles, GetRoles = new() { Roles = { new Role { Name = "*", Weight = 1 } } } },
            Call.Types.Type.GetOperations => new() { Type = Response.Types.Type.GetOperations, GetOperations = new() },
            Call.Types.Type.GetMaintenanceStatus => new() { Type = Response.Types.Type.GetMaintenanceStatus, GetMaintenanceStatus = new() { Status = new ClusterStatus { DownMachines = { new MachineID { Hostname = "agent-2" } } } } },
            Call.Types.Type.GetMaintenanceSchedule => new() { Type = Response.Types.Type.GetMaintenanceSchedule, GetMaintenanceSchedule = new() { Schedule = Schedule } },
            _ => null,
        };
    }

    /// <summary>Answers as a healthy master: the canned answer, an empty 200, or a stream that starts and stays open.</summary>
    public static async Task AnswerAsync(Exchange<Call> exchange)
    {
        if (exchange.Call.Type == Call.Types.Type.Subscribe)
        {
            await exchange.OpenStreamAsync();
            await exchange.SendAsync(Subscribed(), Heartbeat());
            await HostileServer.HoldAsync(exchange.Context);
        }
        else if (AnswerTo(exchange.Call.Type) is { } response)
        {
            await exchange.AnswerAsync(response);
        }
        else
        {
            await exchange.OkAsync();
        }
    }

    public static Event Subscribed(double heartbeatSeconds = 15) => new()
    {
        Type = Event.Types.Type.Subscribed,
        Subscribed = new() { GetState = SampleState.GetState(), HeartbeatIntervalSeconds = heartbeatSeconds },
    };

    public static Event Heartbeat() => new() { Type = Event.Types.Type.Heartbeat };

    public static Event TaskAdded(string taskId) => new()
    {
        Type = Event.Types.Type.TaskAdded,
        TaskAdded = new() { Task = new Mesos.V1.Task { Name = taskId, TaskId = MesosId.Of<TaskID>(taskId), FrameworkId = MesosId.Of<FrameworkID>("3f2c-0000"), AgentId = MesosId.Of<AgentID>("3f2c-S0"), State = TaskState.TaskStaging } },
    };

    public static Event TaskUpdated(string taskId, TaskState state) => new()
    {
        Type = Event.Types.Type.TaskUpdated,
        TaskUpdated = new() { FrameworkId = MesosId.Of<FrameworkID>("3f2c-0000"), Status = new TaskStatus { TaskId = MesosId.Of<TaskID>(taskId), State = state }, State = state },
    };

    private static Response.Types.GetExecutors Executors() => new()
    {
        Executors =
        {
            new Response.Types.GetExecutors.Types.Executor
            {
                AgentId = MesosId.Of<AgentID>("3f2c-S0"),
                ExecutorInfo = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>("pi-executor"), Command = new CommandInfo { Value = "./pi" } },
            },
        },
    };
}
