using Mesos.Hosting.Connection;
using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// The workloads: what was submitted and declared, each attempt, and what to do next. Every step runs under one
/// gate (submissions, offers, updates and timers alike) and stores what it changed before it acts on it.
/// </summary>
internal sealed partial class WorkloadEngine : IMesosWorkloads, IDisposable
{
    private static readonly TimeSpan FirstStoreRetry = TimeSpan.FromMilliseconds(100);

    // Built on first use, after the hosted service has checked the options it is made from.
    private readonly Lazy<IWorkloadStore> _store;
    private readonly SchedulerDriver _driver;
    private readonly TimeProvider _time;
    private readonly MesosWorkloadOptions _options;
    private readonly WorkloadMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Work> _works = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Attempt> _attempts = new(StringComparer.Ordinal);
    private TaskCompletionSource _loaded = NewLoadedSignal();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _wake;
    private long _sequence;

    public WorkloadEngine(Lazy<IWorkloadStore> store, SchedulerDriver driver, TimeProvider time, MesosWorkloadOptions options, WorkloadMetrics metrics, ILogger logger)
    {
        _store = store;
        _driver = driver;
        _time = time;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _wake = time.CreateTimer(_ => _ = WakeAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Why the engine failed a step it could not recover from, for the health check; null while healthy.</summary>
    public string? Fault { get; private set; }

    /// <summary>The last store write failure while it is being retried; null once a write succeeds.</summary>
    public string? StoreTrouble { get; private set; }

    public bool IsLoaded => Volatile.Read(ref _loaded).Task.IsCompletedSuccessfully;

    /// <summary>
    /// Reads the store, replacing what the engine held (handles already given out keep completing); live attempts
    /// are handed to the driver, which asks the master about them at SUBSCRIBED. Steps that need the store wait for it.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = Volatile.Read(ref _loaded);
        try
        {
            var snapshot = await _store.Value.LoadAsync(cancellationToken).ConfigureAwait(false);
            await GatedAsync("loading the store", () => Restore(snapshot), cancellationToken).ConfigureAwait(false);
            loaded.TrySetResult();
        }
        catch (Exception ex)
        {
            loaded.TrySetException(ex);
            throw;
        }
    }

    /// <summary>
    /// This instance stopped leading: another instance may now change the store, so what the engine holds is stale
    /// until the next <see cref="LoadAsync"/>, and every step that needs the store waits for that load.
    /// </summary>
    public void Unload()
    {
        var loaded = Volatile.Read(ref _loaded);
        if (loaded.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _loaded, NewLoadedSignal(), loaded);
        }
    }

    public void Stop()
    {
        _stopping.Cancel();
        _wake.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _wake.Dispose();
        _stopping.Dispose();
        _gate.Dispose();
    }

    private static TaskCompletionSource NewLoadedSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The store is the truth: what another leader changed replaces what this instance last knew. A handle given out
    // before stays bound to its work, so its completion is carried over to the work as loaded.
    private Task Restore(WorkloadStoreSnapshot snapshot)
    {
        var previous = new Dictionary<string, Work>(_works, StringComparer.Ordinal);
        _works.Clear();
        _attempts.Clear();
        _sequence = 0;
        foreach (var work in snapshot.Work.Select(WorkloadCodec.Decode))
        {
            if (previous.TryGetValue(work.Key, out var known))
            {
                work.Completion = known.Completion;
            }

            _works[work.Key] = work;
            _sequence = Math.Max(_sequence, work.Sequence);
        }

        foreach (var attempt in snapshot.Attempts.Select(WorkloadCodec.Decode).OrderBy(a => a.Number))
        {
            if (!_works.TryGetValue(attempt.WorkKey, out var work))
            {
                continue;
            }

            _attempts[attempt.TaskId] = attempt;
            work.Attempts.Add(attempt);
            if (attempt.IsLive)
            {
                work.Live[attempt.Slot] = attempt;
            }
        }

        foreach (var work in _works.Values.Where(w => w.Outcome is not null))
        {
            work.Completion.TrySetResult(work.Result());
        }

        var live = _attempts.Values.Where(a => a.IsLive).ToList();
        _driver.Tasks.Adopt(live.Select(a => (new V1.TaskID { Value = a.TaskId }, new V1.AgentID { Value = a.AgentId })));
        WorkloadLog.Loaded(_logger, _works.Count, live.Count);
        return Task.CompletedTask;
    }

    /// <summary>Runs one step under the gate once the store is loaded; a failure is logged and reflected in health, then thrown.</summary>
    private async Task<T> GatedAsync<T>(string what, Func<Task<T>> step, CancellationToken cancellationToken, bool afterLoad = false)
    {
        if (afterLoad)
        {
            await Volatile.Read(ref _loaded).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            var result = await step().ConfigureAwait(false);
            AfterStep();
            return result;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ArgumentException or KeyNotFoundException))
        {
            Fault = $"{what}: {ex.GetType().Name}: {ex.Message}";
            WorkloadLog.Failed(_logger, ex, what);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task GatedAsync(string what, Func<Task> step, CancellationToken cancellationToken, bool afterLoad = false)
        => await GatedAsync(what, async () =>
        {
            await step().ConfigureAwait(false);
            return true;
        }, cancellationToken, afterLoad).ConfigureAwait(false);

    /// <summary>Writes <paramref name="changes"/>, retrying with backoff until it is stored: nothing acts on a change the store does not hold.</summary>
    private async Task PersistAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        var records = changes.Encode();
        var delay = FirstStoreRetry;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.Value.WriteAsync(records, linked.Token).ConfigureAwait(false);
                StoreTrouble = null;
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StoreTrouble = ex.Message;
                WorkloadLog.StoreWriteFailed(_logger, ex, attempt, delay);
                await Task.Delay(delay, _time, linked.Token).ConfigureAwait(false);
                delay = Doubling.Next(delay, _options.StoreRetryMaxDelay);
            }
        }
    }

    // After every step: the gauges show its result, and the timer is set for the next backoff or timeout due.
    private void AfterStep()
    {
        var counts = new Dictionary<string, WorkloadCounts>(StringComparer.Ordinal);
        foreach (var work in _works.Values)
        {
            var pending = Enumerable.Range(0, work.SlotCount).Count(work.NeedsAttempt);
            var c = counts.GetValueOrDefault(work.Name);
            counts[work.Name] = new WorkloadCounts(
                c.Pending + pending,
                c.Running + work.Live.Count,
                c.Finished + (work.Outcome == WorkloadOutcome.Succeeded ? 1 : 0),
                c.Failed + (work.Outcome == WorkloadOutcome.Poisoned ? 1 : 0));
        }

        _metrics.Publish(counts);
        ScheduleWake();
    }
}
