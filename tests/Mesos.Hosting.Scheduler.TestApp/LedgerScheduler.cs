using Mesos.Hosting.Placement;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using ReconcileTask = Mesos.V1.Scheduler.Call.Types.Reconcile.Types.Task;
using Task = System.Threading.Tasks.Task;
using TaskStatus = Mesos.V1.TaskStatus;

/// <summary>
/// Runs the ledger's tasks as shell commands. On (re)subscription it asks the master about every task launched but
/// not ended, so a leader taking over learns what its predecessor left running; tasks the master never heard of go
/// back to pending.
/// </summary>
internal sealed class LedgerScheduler(TaskLedger ledger, LedgerOptions options, ISchedulerDriver driver) : MesosScheduler
{
    private readonly RefuseFilterBackoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken) => ReconcileAsync(cancellationToken);

    public override Task ReregisteredAsync(MasterInfo master, CancellationToken cancellationToken) => ReconcileAsync(cancellationToken);

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        var pending = ledger.Ids.Where(id => !ledger.IsLaunched(id)).Select(Request).ToList();
        var result = OfferMatcher.Match(offers, pending);
        foreach (var launch in result.Launches)
        {
            foreach (var task in launch.TaskInfos)
            {
                ledger.Launched(task.TaskId.Value);
            }

            await driver.LaunchTasksAsync(launch.OfferIds, launch.TaskInfos, new Filters { RefuseSeconds = 1 }, cancellationToken);
        }

        foreach (var batch in _backoff.Plan(result))
        {
            await driver.DeclineAsync(batch.OfferIds, batch.Filters, cancellationToken);
        }
    }

    public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        var id = status.TaskId.Value;
        if (status.State is TaskState.TaskFinished or TaskState.TaskFailed or TaskState.TaskKilled or TaskState.TaskError)
        {
            ledger.Ended(id, status.State);
        }
        else if (status.State is TaskState.TaskLost or TaskState.TaskDropped or TaskState.TaskGone or TaskState.TaskUnknown)
        {
            // Never ran, or the master no longer knows it: launch it again.
            ledger.Unlaunched(id);
        }

        return Task.CompletedTask;
    }

    private Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var unsettled = ledger.Ids.Where(id => ledger.IsLaunched(id) && !ledger.HasEnded(id)).Select(id => new ReconcileTask { TaskId = MesosId.Of<TaskID>(id) }).ToList();
        return unsettled.Count == 0 ? Task.CompletedTask : driver.ReconcileTasksAsync(unsettled, cancellationToken);
    }

    private TaskRequest Request(string id) => new()
    {
        Id = id,
        Cpus = 0.1,
        Mem = 16,
        Task = new TaskInfo { Name = id, TaskId = MesosId.Of<TaskID>(id), Command = new CommandInfo { Value = options.Command } },
    };
}
