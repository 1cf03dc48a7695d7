using Google.Protobuf;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Scheduler;
using Mesos.V1;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>Launches the scenario's tasks under the test executor (one per agent) and records what comes back.</summary>
internal sealed class ScenarioScheduler(ExecutorScenario scenario, ISchedulerDriver driver) : MesosScheduler
{
    public const string ExecutorId = "test-executor";

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        foreach (var offer in offers)
        {
            var role = MesosResources.AllocationRole(offer);
            var tasks = new List<TaskInfo>();
            while (scenario.Pending.TryDequeue(out var pending))
            {
                var task = new TaskInfo
                {
                    Name = pending.TaskId,
                    TaskId = new TaskID { Value = pending.TaskId },
                    AgentId = offer.AgentId,
                    Executor = Executor(role, scenario.ExecutorCommand, scenario.ExecutorEnvironment),
                    Data = ByteString.CopyFromUtf8(pending.Behaviour),
                };
                task.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.1, role));
                task.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 16, role));
                tasks.Add(task);
            }

            if (tasks.Count > 0)
            {
                await driver.LaunchTasksAsync([offer.Id], tasks, cancellationToken: cancellationToken);
            }
        }
    }

    public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        scenario.Record(status);
        return Task.CompletedTask;
    }

    public override Task FrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken)
    {
        scenario.Message(data.ToStringUtf8());
        return Task.CompletedTask;
    }

    public override Task ExecutorLostAsync(ExecutorID executorId, AgentID agentId, int? status, CancellationToken cancellationToken)
    {
        scenario.ExecutorLost(executorId.Value, status);
        return Task.CompletedTask;
    }

    private static ExecutorInfo Executor(string? role, string command, Dictionary<string, string> environment)
    {
        var executor = new ExecutorInfo
        {
            ExecutorId = new ExecutorID { Value = ExecutorId },
            Command = new CommandInfo { Value = command, Shell = true },
        };
        if (environment.Count > 0)
        {
            executor.Command.Environment = new V1.Environment();
            executor.Command.Environment.Variables.AddRange(environment.Select(v => new V1.Environment.Types.Variable { Name = v.Key, Value = v.Value }));
        }

        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.1, role));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 32, role));
        return executor;
    }
}
