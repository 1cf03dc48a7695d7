using System.Collections.Concurrent;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Reconciliation after every SUBSCRIBED, as Mesos recommends: explicitly for every task not known to be
/// terminal, asked again with backoff until each is answered, and implicitly at an interval. Both run for
/// one session and end with it.
/// </summary>
internal sealed class Reconciliation
{
    private readonly ConcurrentDictionary<string, bool> _awaiting = new(StringComparer.Ordinal);
    private readonly SchedulerDriver _driver;
    private readonly MesosSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private CancellationToken _sessionEnding = new(canceled: true);

    public Reconciliation(SchedulerDriver driver, MesosSchedulerOptions options, TimeProvider time, ILogger logger)
    {
        _driver = driver;
        _options = options;
        _time = time;
        _logger = logger;
        driver.Tasks.LaunchUncertain += AskAbout;
    }

    /// <summary>An update about <paramref name="taskId"/> arrived: it needs asking about no more.</summary>
    public void Answered(TaskID taskId) => _awaiting.TryRemove(taskId.Value, out _);

    /// <summary>Starts reconciling for <paramref name="session"/>; everything started ends when it ends.</summary>
    public void Start(SchedulerSession session)
    {
        _sessionEnding = session.Ending;
        _awaiting.Clear();
        _ = ExplicitlyAsync(_driver.Tasks.NonTerminal(), session.Ending);
        if (_options.ImplicitReconciliationInterval > TimeSpan.Zero)
        {
            _ = ImplicitlyAsync(session.Ending);
        }
    }

    // An ACCEPT whose answer was lost while the session lives on: the master is asked about its tasks at once,
    // rather than at the next SUBSCRIBED, so that a launch it never took is known (TASK_LOST) and can be retried.
    private void AskAbout(IReadOnlyList<(TaskID Task, AgentID Agent)> tasks)
    {
        var ending = _sessionEnding;
        if (!ending.IsCancellationRequested)
        {
            _ = ExplicitlyAsync(tasks, ending);
        }
    }

    private async Task ExplicitlyAsync(IReadOnlyList<(TaskID Task, AgentID Agent)> tasks, CancellationToken ending)
    {
        var delay = _options.ReconciliationInitialDelay;
        var pending = tasks.ToList();
        foreach (var (task, _) in pending)
        {
            _awaiting[task.Value] = true;
        }

        try
        {
            for (var round = 1; pending.Count > 0; round++)
            {
                SchedulerLog.Reconciling(_logger, pending.Count, round);
                await CallSafely.BestEffortAsync(
                    _driver.ReconcileTasksAsync(pending.Select(p => new V1.Scheduler.Call.Types.Reconcile.Types.Task { TaskId = p.Task, AgentId = p.Agent }), ending),
                    "RECONCILE", _logger).ConfigureAwait(false);
                pending = await UntilAnswersStopAsync(pending, delay, ending).ConfigureAwait(false);
                delay = Doubling.Next(delay, _options.ReconciliationMaxDelay);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
    }

    // Asked again only once a whole delay brought no answer: the answers to a large reconciliation take longer than
    // the delay to be handled, and asking again while they still arrive would only multiply them.
    private async Task<List<(TaskID Task, AgentID Agent)>> UntilAnswersStopAsync(List<(TaskID Task, AgentID Agent)> pending, TimeSpan delay, CancellationToken ending)
    {
        int before;
        do
        {
            before = pending.Count;
            await Task.Delay(delay, _time, ending).ConfigureAwait(false);
            pending = pending.Where(p => _awaiting.ContainsKey(p.Task.Value)).ToList();
        }
        while (pending.Count > 0 && pending.Count < before);

        return pending;
    }

    private async Task ImplicitlyAsync(CancellationToken ending)
    {
        using var timer = new PeriodicTimer(_options.ImplicitReconciliationInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ending).ConfigureAwait(false))
            {
                await CallSafely.BestEffortAsync(_driver.ReconcileTasksAsync(null, ending), "RECONCILE", _logger).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
    }
}
