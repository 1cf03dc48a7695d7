using Google.Protobuf;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.AspNetCore.Http;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>What an executor's SUBSCRIBE, UPDATE and MESSAGE do (src/slave/slave.cpp); called with the lock held.</summary>
internal sealed partial class LocalAgent
{
    public void SubscribeExecutor(ExecutorRun run, ExecutorCall.Types.Subscribe subscribe, IEventStream stream)
    {
        // A new subscription replaces the old one: this is how executors reconnect.
        run.Stream?.Close();
        run.Stream = stream;
        run.RegistrationTimer?.Dispose();
        run.RegistrationTimer = null;

        var framework = FindFramework(run.FrameworkId);
        if (framework is null || run.ShuttingDown || run.Terminated)
        {
            SendToExecutor(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Shutdown });
            stream.Close();
            return;
        }

        foreach (var update in subscribe.UnacknowledgedUpdates)
        {
            TakeUpdate(run, FromExecutor(run, update.Status));
        }

        if (Recovering)
        {
            // Launched tasks the executor never heard of were lost across the restart.
            var known = subscribe.UnacknowledgedTasks.Select(t => t.TaskId.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (taskId, entry) in run.Tasks.Where(t => t.Value.State == TaskState.TaskStaging && !known.Contains(t.Key)).ToList())
            {
                var partitionAware = FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
                SendAgentUpdate(run, entry.Task.TaskId, partitionAware ? TaskState.TaskDropped : TaskState.TaskLost, TaskStatus.Types.Reason.AgentRestarted, "Task was lost while the agent restarted");
                run.Tasks.Remove(taskId);
            }
        }

        SendToExecutor(run, new ExecutorEvent
        {
            Type = ExecutorEvent.Types.Type.Subscribed,
            Subscribed = new ExecutorEvent.Types.Subscribed
            {
                ExecutorInfo = run.Info,
                FrameworkInfo = framework,
                AgentInfo = Info,
                ContainerId = new ContainerID { Value = run.ContainerId },
            },
        });

        foreach (var launch in run.Queued)
        {
            SendLaunch(run, launch);
        }

        run.Queued.Clear();
    }

    public (int Status, string? Error) ExecutorUpdate(ExecutorRun run, TaskStatus status)
    {
        var update = FromExecutor(run, status);
        TakeUpdate(run, update);

        // ACKNOWLEDGED means the agent has taken the update, whatever the scheduler does with it.
        SendToExecutor(run, new ExecutorEvent
        {
            Type = ExecutorEvent.Types.Type.Acknowledged,
            Acknowledged = new ExecutorEvent.Types.Acknowledged { TaskId = update.TaskId, Uuid = update.Uuid },
        });
        if (MesosTaskStates.IsTerminal(update.State))
        {
            run.Tasks.Remove(update.TaskId.Value);
        }

        return (StatusCodes.Status202Accepted, null);
    }

    public (int Status, string? Error) ExecutorMessage(ExecutorRun run, ByteString data)
    {
        Reports.OnExecutorMessage(this, run.FrameworkId, run.ExecutorId, data);
        return (StatusCodes.Status202Accepted, null);
    }

    // What Mesos's createStatusUpdate adds to every update an executor hands over, by UPDATE or in a SUBSCRIBE:
    // the agent's ID, the executor's, and a timestamp when the executor gave none.
    private TaskStatus FromExecutor(ExecutorRun run, TaskStatus status)
    {
        var update = status.Clone();
        update.AgentId ??= Info.Id;
        update.ExecutorId ??= run.Info.ExecutorId;
        if (!update.HasTimestamp)
        {
            update.Timestamp = MesosTime.Timestamp(Master.Time.GetUtcNow());
        }

        return update;
    }
}
