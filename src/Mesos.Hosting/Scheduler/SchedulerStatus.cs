using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// What the run loop knows and the calls need: the live session, the framework ID, and the record the
/// health check reads (state, failed subscriptions and refused calls of late).
/// </summary>
internal sealed class SchedulerStatus(TimeProvider time)
{
    /// <summary>How far back failed subscriptions and refused calls count against health.</summary>
    public static readonly TimeSpan TroubleWindow = TimeSpan.FromMinutes(5);

    private readonly Queue<long> _failedSubscriptions = new();
    private SchedulerSession? _session;
    private FrameworkID? _frameworkId;
    private SchedulerHealth _health = new(SchedulerState.NotStarted, time.GetUtcNow(), TimeSpan.Zero, null);
    private long? _lastRefusedCall;
    private string? _lastRefusal;
    private string? _lastProblem;
    private int _subscribeAttempts;

    public SchedulerSession? Session
    {
        get => Volatile.Read(ref _session);
        set => Volatile.Write(ref _session, value);
    }

    public bool IsSubscribed => Session is { Live: true };

    public FrameworkID? FrameworkId
    {
        get => Volatile.Read(ref _frameworkId);
        set => Volatile.Write(ref _frameworkId, value);
    }

    public SchedulerHealth Health => Volatile.Read(ref _health);

    /// <summary>TEARDOWN was accepted: the framework is gone and nothing is to be subscribed again.</summary>
    public bool TornDown { get; set; }

    public int SubscribeAttempts => Volatile.Read(ref _subscribeAttempts);

    public void SubscribeAttempted() => Interlocked.Increment(ref _subscribeAttempts);

    /// <summary>Why the last subscription failed or ended, for the health check's description; null before any did.</summary>
    public string? LastProblem
    {
        get => Volatile.Read(ref _lastProblem);
        set => Volatile.Write(ref _lastProblem, value);
    }

    public void Set(SchedulerState state, string? error = null, SchedulerSession? session = null)
    {
        var now = time.GetUtcNow();
        var previous = Health;
        var waitingSince = state switch
        {
            SchedulerState.Subscribed => null,
            SchedulerState.Connecting when previous.State is SchedulerState.NotStarted or SchedulerState.Standby or SchedulerState.Stopped => now,
            _ => previous.WaitingSince,
        };
        Volatile.Write(ref _health, new SchedulerHealth(state, session?.LastEventAt ?? now, session?.HeartbeatInterval ?? TimeSpan.Zero, error, waitingSince));
    }

    /// <summary>A subscription failed, or ended too soon to count as one.</summary>
    public void SubscriptionFailed(string reason)
    {
        LastProblem = reason;
        lock (_failedSubscriptions)
        {
            _failedSubscriptions.Enqueue(time.GetTimestamp());
            Trim();
        }
    }

    /// <summary>Subscriptions that failed within the <see cref="TroubleWindow"/>.</summary>
    public int RecentFailedSubscriptions
    {
        get
        {
            lock (_failedSubscriptions)
            {
                Trim();
                return _failedSubscriptions.Count;
            }
        }
    }

    /// <summary>The master refused a call with 401 or 403: the framework may be subscribed and yet unable to act.</summary>
    public void CallRefused(string refusal)
    {
        lock (_failedSubscriptions)
        {
            _lastRefusedCall = time.GetTimestamp();
            _lastRefusal = refusal;
        }
    }

    /// <summary>The last refusal, when it falls within the <see cref="TroubleWindow"/>.</summary>
    public string? RecentRefusal
    {
        get
        {
            lock (_failedSubscriptions)
            {
                return _lastRefusedCall is { } at && time.GetElapsedTime(at) <= TroubleWindow ? _lastRefusal : null;
            }
        }
    }

    private void Trim()
    {
        while (_failedSubscriptions.TryPeek(out var at) && time.GetElapsedTime(at) > TroubleWindow)
        {
            _failedSubscriptions.Dequeue();
        }
    }
}
