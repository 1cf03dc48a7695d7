using System.Collections.Concurrent;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Reconciliation after every SUBSCRIBED, as Mesos recommends: explicitly for every task not known to be
/// terminal, asked again with backoff until each is answered, and implicitly at an interval. Both run for
/// one session and end with it.
/// </summary>
internal sealed class Reconciliation(SchedulerDriver driver, MesosSchedulerOptions options, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _awaiting = new(StringComparer.Ordinal);

    /// <summary>An update about <paramref name="taskId"/> arrived: it needs asking about no more.</summary>
    public void Answered(TaskID taskId) => _awaiting.TryRemove(taskId.Value, out _);

    /// <summary>Starts reconciling for <paramref name="session"/>; everything started ends when it ends.</summary>
    public void Start(SchedulerSession session)
    {
        _ = ExplicitlyAsync(session.Ending);
        if (options.ImplicitReconciliationInterval > TimeSpan.Zero)
        {
            _ = ImplicitlyAsync(session.Ending);
        }
    }

    private async Task ExplicitlyAsync(CancellationToken ending)
    {
        var delay = options.ReconciliationInitialDelay;
        var pending = driver.Tasks.NonTerminal();
        _awaiting.Clear();
        foreach (var (task, _) in pending)
        {
            _awaiting[task.Value] = true;
        }

        try
        {
            for (var round = 1; pending.Count > 0; round++)
            {
                SchedulerLog.Reconciling(logger, pending.Count, round);
                await CallSafely.BestEffortAsync(
                    driver.ReconcileTasksAsync(pending.Select(p => new V1.Scheduler.Call.Types.Reconcile.Types.Task { TaskId = p.Task, AgentId = p.Agent }), ending),
                    "RECONCILE", logger).ConfigureAwait(false);
                await Task.Delay(delay, time, ending).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconciliationMaxDelay.Ticks));
                pending = pending.Where(p => _awaiting.ContainsKey(p.Task.Value)).ToList();
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
    }

    private async Task ImplicitlyAsync(CancellationToken ending)
    {
        using var timer = new PeriodicTimer(options.ImplicitReconciliationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ending).ConfigureAwait(false))
            {
                await CallSafely.BestEffortAsync(driver.ReconcileTasksAsync(null, ending), "RECONCILE", logger).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
    }
}
