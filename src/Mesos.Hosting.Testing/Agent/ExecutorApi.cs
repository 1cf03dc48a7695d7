using Google.Protobuf;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.AspNetCore.Http;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// The agent's side of the executor API once a call is decoded: who sent it, what SUBSCRIBE, UPDATE
/// and MESSAGE do (src/slave/slave.cpp), and the events sent down executors' streams.
/// </summary>
internal sealed class ExecutorApi(LocalAgent agent)
{
    /// <summary>The executor run a call comes from, checked as Mesos's agent checks it; a status of 0 when it passes. Called with the lock held.</summary>
    public (ExecutorRun Run, int Status, string? Error) Caller(ExecutorCall call, IReadOnlyDictionary<string, string>? claims)
    {
        if (agent.FindFramework(call.FrameworkId.Value) is null)
        {
            return (null!, StatusCodes.Status400BadRequest, "Framework cannot be found");
        }

        if (agent.FindExecutor(call.FrameworkId.Value, call.ExecutorId.Value) is not { } run)
        {
            return (null!, StatusCodes.Status400BadRequest, "Executor cannot be found");
        }

        if (claims is not null && (claims["fid"] != run.FrameworkId || claims["eid"] != run.ExecutorId || claims["cid"] != run.ContainerId))
        {
            return (null!, StatusCodes.Status403Forbidden, "Authenticated principal's claims do not match the executor's framework, executor and container IDs");
        }

        if (call.Type != ExecutorCall.Types.Type.Subscribe && !run.Subscribed)
        {
            return (null!, StatusCodes.Status403Forbidden, "Executor is not subscribed");
        }

        return (run, 0, null);
    }

    /// <summary>UPDATE and MESSAGE; SUBSCRIBE only answers 200 here, its stream comes with <see cref="SubscribeAsync"/>. Called with the lock held.</summary>
    public (int Status, string? Error) Dispatch(ExecutorRun run, ExecutorCall call)
    {
        switch (call.Type)
        {
            case ExecutorCall.Types.Type.Subscribe:
                return (StatusCodes.Status200OK, null);
            case ExecutorCall.Types.Type.Update:
                Update(run, call.Update.Status);
                return (StatusCodes.Status202Accepted, null);
            case ExecutorCall.Types.Type.Message:
                agent.Reports.OnExecutorMessage(agent, run.FrameworkId, run.ExecutorId, call.Message.Data);
                return (StatusCodes.Status202Accepted, null);
            default:
                return (StatusCodes.Status501NotImplemented, null);
        }
    }

    /// <summary>Subscribes the executor on <paramref name="stream"/>; returns when the stream ends.</summary>
    public async Task SubscribeAsync(ExecutorRun run, ExecutorCall.Types.Subscribe subscribe, IEventStream stream)
    {
        lock (agent.Master.Sync)
        {
            Subscribe(run, subscribe, stream);
        }

        await stream.RunAsync().ConfigureAwait(false);
        lock (agent.Master.Sync)
        {
            if (run.Stream == stream)
            {
                run.Stream = null;
            }
        }
    }

    public void Send(ExecutorRun run, ExecutorEvent evt)
    {
        if (run.Stream is { } stream && stream.Send(evt))
        {
            agent.Master.Journal.Record(new ObservedExecutorEvent(agent.Id, run.ExecutorId, evt, agent.Master.Journal.Now));
        }
    }

    /// <summary>Hands tasks to a subscribed executor: LAUNCH for one task of its own, LAUNCH_GROUP otherwise.</summary>
    public void Launch(ExecutorRun run, List<TaskInfo> tasks)
    {
        foreach (var task in tasks)
        {
            run.Tasks[task.TaskId.Value] = (task, TaskState.TaskStaging);
        }

        if (tasks.Count == 1 && tasks[0].Executor is not null)
        {
            Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Launch, Launch = new ExecutorEvent.Types.Launch { Task = tasks[0] } });
        }
        else
        {
            var group = new TaskGroupInfo();
            group.Tasks.AddRange(tasks);
            Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.LaunchGroup, LaunchGroup = new ExecutorEvent.Types.LaunchGroup { TaskGroup = group } });
        }
    }

    public void SendMessage(ExecutorRun run, ByteString data)
        => Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Message, Message = new ExecutorEvent.Types.Message { Data = data } });

    private void Subscribe(ExecutorRun run, ExecutorCall.Types.Subscribe subscribe, IEventStream stream)
    {
        // A new subscription replaces the old one: this is how executors reconnect.
        run.Stream?.Close();
        run.Stream = stream;
        run.RegistrationTimer?.Dispose();
        run.RegistrationTimer = null;

        var framework = agent.FindFramework(run.FrameworkId);
        if (framework is null || run.ShuttingDown || run.Terminated)
        {
            Send(run, new ExecutorEvent { Type = ExecutorEvent.Types.Type.Shutdown });
            stream.Close();
            return;
        }

        foreach (var update in subscribe.UnacknowledgedUpdates)
        {
            agent.TakeUpdate(run, FromExecutor(run, update.Status));
        }

        if (agent.Recovering)
        {
            // Launched tasks the executor never heard of were lost across the restart.
            var known = subscribe.UnacknowledgedTasks.Select(t => t.TaskId.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (taskId, entry) in run.Tasks.Where(t => t.Value.State == TaskState.TaskStaging && !known.Contains(t.Key)).ToList())
            {
                var partitionAware = FrameworkCapabilities.Has(framework, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
                agent.TakeOwnUpdate(run, entry.Task.TaskId, partitionAware ? TaskState.TaskDropped : TaskState.TaskLost, TaskStatus.Types.Source.Agent,
                    "Task was lost while the agent restarted", TaskStatus.Types.Reason.AgentRestarted);
                run.Tasks.Remove(taskId);
            }
        }

        Send(run, new ExecutorEvent
        {
            Type = ExecutorEvent.Types.Type.Subscribed,
            Subscribed = new ExecutorEvent.Types.Subscribed
            {
                ExecutorInfo = run.Info,
                FrameworkInfo = framework,
                AgentInfo = agent.Info,
                ContainerId = new ContainerID { Value = run.ContainerId },
            },
        });

        foreach (var launch in run.Queued)
        {
            Launch(run, launch);
        }

        run.Queued.Clear();
    }

    private void Update(ExecutorRun run, TaskStatus status)
    {
        var update = FromExecutor(run, status);
        agent.TakeUpdate(run, update);

        // ACKNOWLEDGED means the agent has taken the update, whatever the scheduler does with it.
        Send(run, new ExecutorEvent
        {
            Type = ExecutorEvent.Types.Type.Acknowledged,
            Acknowledged = new ExecutorEvent.Types.Acknowledged { TaskId = update.TaskId, Uuid = update.Uuid },
        });
        if (MesosTaskStates.IsTerminal(update.State))
        {
            run.Tasks.Remove(update.TaskId.Value);
        }
    }

    // What Mesos's createStatusUpdate adds to every update an executor hands over, by UPDATE or in a SUBSCRIBE:
    // the agent's ID, the executor's, and a timestamp when the executor gave none.
    private TaskStatus FromExecutor(ExecutorRun run, TaskStatus status)
    {
        var update = status.Clone();
        update.AgentId ??= agent.Info.Id;
        update.ExecutorId ??= run.Info.ExecutorId;
        if (!update.HasTimestamp)
        {
            update.Timestamp = MesosTime.Timestamp(agent.Master.Time.GetUtcNow());
        }

        return update;
    }
}
