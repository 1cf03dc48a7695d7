using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>A plain framework: launches the recorder's work as shell tasks across the offers it gets.</summary>
internal sealed class RecordingScheduler(SchedulerRecorder recorder, ISchedulerDriver driver, TimeProvider time) : MesosScheduler
{
    public override async Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref recorder.Registered);
        await ReconcileInDoubtAsync(cancellationToken);
        recorder.Seen.Add("registered");
    }

    public override async Task ReregisteredAsync(MasterInfo master, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref recorder.Reregistered);
        await ReconcileInDoubtAsync(cancellationToken);
        recorder.Seen.Add("reregistered");
    }

    public override Task DisconnectedAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref recorder.Disconnected);
        recorder.Seen.Add("disconnected");
        return Task.CompletedTask;
    }

    public override Task ErrorAsync(string message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref recorder.Errors);
        recorder.LastError = message;
        recorder.Seen.Add("error");
        return Task.CompletedTask;
    }

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref recorder.OffersSeen, offers.Count);
        recorder.Seen.Add("offers");
        if (recorder.OfferCallbackDuration > TimeSpan.Zero)
        {
            await Task.Delay(recorder.OfferCallbackDuration, time, cancellationToken);
        }

        if (recorder.IgnoreOffers)
        {
            return;
        }

        foreach (var offer in offers)
        {
            var cpus = offer.Resources.Where(r => r.Name == "cpus").Sum(r => r.Scalar.Value);
            var mem = offer.Resources.Where(r => r.Name == "mem").Sum(r => r.Scalar.Value);
            var tasks = new List<TaskInfo>();
            while (cpus >= 0.1 - 1e-9 && mem >= 16 && recorder.Work.TryDequeue(out var id))
            {
                cpus -= 0.1;
                mem -= 16;
                var task = new TaskInfo { Name = id, TaskId = MesosId.Of<TaskID>(id), AgentId = offer.AgentId, Command = new CommandInfo { Value = recorder.Command } };
                task.Resources.Add(Scalar("cpus", 0.1, offer.AllocationInfo.Role));
                task.Resources.Add(Scalar("mem", 16, offer.AllocationInfo.Role));
                tasks.Add(task);
            }

            if (tasks.Count > 0)
            {
                try
                {
                    await driver.LaunchTasksAsync([offer.Id], tasks, new Filters { RefuseSeconds = 0 }, cancellationToken);
                }
                catch (Exception ex) when (ex is MesosNotSubscribedException or MesosCallException)
                {
                    // Certainly not launched (not sent, or refused): the work goes back in the queue for the next offers.
                    tasks.ForEach(t => recorder.Work.Enqueue(t.TaskId.Value));
                }
                catch (Exception ex) when (ex is MesosUnavailableException or OperationCanceledException)
                {
                    // Perhaps launched: the scheduler asks the master once subscribed again (a restarted process has
                    // a new driver that never heard of these tasks), and a task the master does not know comes back
                    // as TASK_LOST for reconciliation, which launches it again (below).
                    tasks.ForEach(t => recorder.InDoubt[t.TaskId.Value] = offer.AgentId);
                }
            }
        }
    }

    public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        recorder.InDoubt.TryRemove(status.TaskId.Value, out _);
        if (status.State == TaskState.TaskFinished && recorder.FailFirstDelivery.TryRemove(status.TaskId.Value, out _))
        {
            throw new InvalidOperationException($"Failing the first delivery of {status.TaskId.Value} on purpose");
        }

        if (status.State == TaskState.TaskLost && status.Reason is TaskStatus.Types.Reason.InvalidOffers or TaskStatus.Types.Reason.Reconciliation)
        {
            // Launched on an offer that a lost subscription made void, or never reached the master: launch it again.
            recorder.Work.Enqueue(SchedulerRecorder.Relaunch(status.TaskId.Value));
        }
        else
        {
            recorder.Record(status, time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    private Task ReconcileInDoubtAsync(CancellationToken cancellationToken)
    {
        var inDoubt = recorder.InDoubt.Select(t => new Call.Types.Reconcile.Types.Task { TaskId = MesosId.Of<TaskID>(t.Key), AgentId = t.Value }).ToList();
        return inDoubt.Count == 0 ? Task.CompletedTask : driver.ReconcileTasksAsync(inDoubt, cancellationToken);
    }

    private static Resource Scalar(string name, double value, string role) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
    };
}
