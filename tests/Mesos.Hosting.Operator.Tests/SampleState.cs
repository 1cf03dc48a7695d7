using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Master;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>A small cluster as the master's GET_STATE describes it: one agent, one framework, one running task.</summary>
internal static class SampleState
{
    public static Response.Types.GetState GetState()
    {
        var agentId = MesosId.Of<AgentID>("3f2c-S0");
        var frameworkId = MesosId.Of<FrameworkID>("3f2c-0000");
        var task = new Mesos.V1.Task
        {
            Name = "pi",
            TaskId = MesosId.Of<TaskID>("pi-1"),
            FrameworkId = frameworkId,
            AgentId = agentId,
            State = TaskState.TaskRunning,
            Resources = { Scalar("cpus", 0.5), Scalar("mem", 128) },
            Statuses = { new TaskStatus { TaskId = MesosId.Of<TaskID>("pi-1"), State = TaskState.TaskRunning, Timestamp = 1700000000.25, Uuid = ByteString.CopyFrom(new byte[16]) } },
        };
        return new Response.Types.GetState
        {
            GetTasks = new() { Tasks = { task } },
            GetExecutors = new(),
            GetFrameworks = new()
            {
                Frameworks =
                {
                    new Response.Types.GetFrameworks.Types.Framework
                    {
                        FrameworkInfo = new FrameworkInfo { User = "root", Name = "pi", Id = frameworkId },
                        Active = true,
                        Connected = true,
                        Recovered = false,
                    },
                },
            },
            GetAgents = new()
            {
                Agents =
                {
                    new Response.Types.GetAgents.Types.Agent
                    {
                        AgentInfo = new AgentInfo { Hostname = "agent-1", Id = agentId, Port = 5051 },
                        Active = true,
                        Version = "1.11.0",
                        TotalResources = { Scalar("cpus", 4), Scalar("mem", 4096) },
                        DrainInfo = new DrainInfo { State = DrainState.Draining, Config = new DrainConfig { MarkGone = true, MaxGracePeriod = new DurationInfo { Nanoseconds = 30_000_000_000 } } },
                    },
                },
            },
        };
    }

    public static Resource Scalar(string name, double value)
        => new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };
}
