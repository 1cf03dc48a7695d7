using Mesos.Hosting.Scheduler;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>Time: backoffs that end and timeouts that pass wake the engine; offers are revived and suppressed to match.</summary>
internal sealed partial class WorkloadEngine
{
    private bool _suppressed;
    private bool _revivedSinceOffers;

    // When the engine last asked which slots were due, to revive or suppress offers. A slot falling due after that has
    // not been acted on, however little later ScheduleWake runs: it wakes the engine at once rather than being passed
    // over as already due, which left a framework suppressed with a retry due and no timer to revive it.
    private DateTimeOffset _dueCheckedAt = DateTimeOffset.MinValue;

    /// <summary>A new subscription: the master offers afresh, and the engine's view of suppression starts over.</summary>
    public Task SubscribedAsync(CancellationToken cancellationToken) => GatedAsync("a subscription", () =>
    {
        _suppressed = false;
        _revivedSinceOffers = false;
        _refuse.Reset();
        return Task.CompletedTask;
    }, cancellationToken, afterLoad: true);

    private async Task WakeAsync()
    {
        try
        {
            await GatedAsync("a timer", async () =>
            {
                var now = _time.GetUtcNow();
                var expired = _attempts.Values.Where(a => a.IsLive && a.Kill == KillIntent.None && DeadlineOf(a) <= now).ToList();
                var changes = new ChangeSet();
                foreach (var attempt in expired)
                {
                    attempt.Kill = KillIntent.Timeout;
                    changes.Put(attempt);
                }

                await PersistAsync(changes).ConfigureAwait(false);
                foreach (var attempt in expired)
                {
                    WorkloadLog.TimedOut(_logger, attempt.WorkKey, attempt.Number, attempt.TaskId, _works[attempt.WorkKey].Timeout!.Value);
                    await KillAsync(attempt).ConfigureAwait(false);
                }

                await ReviveAsync().ConfigureAwait(false);
            }, _stopping.Token, afterLoad: true).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // Logged and reflected in health (Fault) by the gate; a timer has no caller to throw to.
        }
    }

    // The next moment something is due: a backoff ending or a timeout passing.
    private void ScheduleWake()
    {
        var now = _time.GetUtcNow();
        var next = DateTimeOffset.MaxValue;
        foreach (var work in _works.Values)
        {
            for (var slot = 0; slot < work.SlotCount; slot++)
            {
                if (work.NeedsAttempt(slot) && work.DueAt(slot) > _dueCheckedAt && work.DueAt(slot) < next)
                {
                    next = work.DueAt(slot);
                }
            }
        }

        foreach (var attempt in _attempts.Values.Where(a => a.IsLive && a.Kill == KillIntent.None))
        {
            var deadline = DeadlineOf(attempt);
            next = deadline < next ? deadline : next;
        }

        if (!_stopping.IsCancellationRequested)
        {
            _wake.Change(next == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : Max(next - now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private DateTimeOffset DeadlineOf(Attempt attempt)
        => _works[attempt.WorkKey].Timeout is { } timeout ? attempt.LaunchedAt + timeout : DateTimeOffset.MaxValue;

    // New work is due: offers are wanted again, and agents declined earlier may now have room for it. Once per offer
    // round at most, so that a burst of submissions sends one REVIVE.
    private async Task ReviveAsync()
    {
        var now = _time.GetUtcNow();
        _dueCheckedAt = now;
        if (_revivedSinceOffers || !_driver.IsSubscribed || !_works.Values.Any(w => Enumerable.Range(0, w.SlotCount).Any(s => w.WantsLaunch(s, now))))
        {
            return;
        }

        _revivedSinceOffers = true;
        _suppressed = false;
        _refuse.Reset();
        await CallAsync(_driver.ReviveAsync(cancellationToken: _stopping.Token), "REVIVE").ConfigureAwait(false);
    }

    private async Task SuppressAsync()
    {
        if (_suppressed || !_driver.IsSubscribed)
        {
            return;
        }

        _suppressed = true;
        await CallAsync(_driver.SuppressAsync(cancellationToken: _stopping.Token), "SUPPRESS").ConfigureAwait(false);
    }

    private Task KillAsync(Attempt attempt)
        => CallAsync(_driver.KillTaskAsync(new TaskID { Value = attempt.TaskId }, new AgentID { Value = attempt.AgentId }, cancellationToken: _stopping.Token), "KILL");

    private Task CallAsync(Task call, string type) => CallSafely.BestEffortAsync(call, type, _logger);
}
