using System.Text;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Scheduler high availability through ZooKeeper: every instance joins the group at the configured path with an
/// ephemeral sequential node, and the one with the lowest sequence leads. An instance stops leading the moment
/// its connection to ZooKeeper is in doubt (suspended), before the server can expire its session and elect
/// another, so that no two instances ever drive the framework at once; it joins again after losing its node.
/// Resigning deletes the node, trying again while ZooKeeper is away for as long as the session may live: a node left
/// behind would keep this instance's place in the election, at its head for a leader, and no standby would lead while
/// the host runs on. ZooKeeper deletes it by itself once the session ends: when the client closes it, or expires.
/// </summary>
internal sealed class ZooKeeperLeaderElection : ILeaderElection, IAsyncDisposable, IDisposable
{
    private const string Label = "scheduler";
    private static readonly TimeSpan RejoinDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRejoinDelay = TimeSpan.FromSeconds(10);

    private readonly ZooKeeperClient _client;
    private readonly ZooKeeperGroup _group;
    private readonly byte[] _instance;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeadershipMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();

    // Disposal stops the retries: the client's own disposal, which follows, closes the session, or it expires.
    private readonly CancellationTokenSource _abandoning = new();
    private readonly Lazy<Task> _resignation;
    private readonly object _gate = new();
    private readonly Task _running;
    private ZooKeeperMembership? _membership;
    private ZooKeeperGroupMembers _members = ZooKeeperGroupMembers.Empty;
    private CancellationTokenSource? _leading;
    private TaskCompletionSource _led = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public ZooKeeperLeaderElection(ZooKeeperClient client, string path, TimeProvider time, ILogger logger, LeadershipMetrics metrics)
    {
        _client = client;
        _group = new ZooKeeperGroup(client, path, logger);
        _instance = Encoding.UTF8.GetBytes($"{Environment.MachineName} (process {Environment.ProcessId})");
        _time = time;
        _logger = logger;
        _metrics = metrics;
        metrics.Observe(this);
        _client.StateChanged += OnStateChanged;
        _running = Task.Run(RunAsync);
        _resignation = new Lazy<Task>(ResignOnceAsync);
    }

    public event EventHandler<MesosLeadershipChangedEventArgs>? Changed;

    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _leading is not null;
            }
        }
    }

    public async Task WaitUntilLeaderAsync(CancellationToken cancellationToken) => await LeadAsync(cancellationToken).ConfigureAwait(false);

    public async Task<CancellationToken> LeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task led;
            lock (_gate)
            {
                if (_leading is { } leading)
                {
                    return leading.Token;
                }

                led = _led.Task;
            }

            await led.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes once the node is deleted, or gone with its session, or disposal gave up on it.</summary>
    public ValueTask ResignAsync() => new(_resignation.Value);

    // DI may dispose it more than once: as the election, as IMesosLeadership, and with the services holding it; the
    // host resigns it before, when it stops.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _abandoning.CancelAsync().ConfigureAwait(false);
        try
        {
            await ResignAsync().ConfigureAwait(false);
        }
        finally
        {
            _group.Dispose();
            _stopping.Dispose();
            _abandoning.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task ResignOnceAsync()
    {
        _client.StateChanged -= OnStateChanged;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        Hold(membership: null, "the instance is stopping");
    }

    private async Task RunAsync()
    {
        // Failures back off, in joining and in following alike, until a cycle reads the members again: one that keeps
        // coming (a refusal for good) must not join and fail twice a second for as long as the instance runs.
        var pause = RejoinDelay;
        while (!_stopping.IsCancellationRequested)
        {
            ZooKeeperMembership? membership = null;
            var failed = false;
            try
            {
                await _client.WaitUntilConnectedAsync(_stopping.Token).ConfigureAwait(false);
                membership = await _group.JoinAsync(Label, _instance, _stopping.Token).ConfigureAwait(false);
                LeadershipLog.Joined(_logger, membership.Path);
                Hold(membership, "joined the election");

                // Following ends when the node does, or when the instance stops (the node is then still there).
                await FollowAsync(membership, () => pause = RejoinDelay).ConfigureAwait(false);
                Hold(membership: null, membership.IsActive ? "the instance is stopping" : $"its election node is gone ({await membership.Ended.ConfigureAwait(false)})");
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                Hold(membership: null, "the instance is stopping");
            }
            catch (Exception ex)
            {
                // Whatever ended it (a refusal, a reply that does not parse), the loop goes on: a dead election would
                // leave the instance standing by for good. Leading ends before anything else is done about it.
                Hold(membership: null, "the election failed");

                // A ZooKeeper error says all there is to say; anything else may be a bug, and its stack says where.
                LeadershipLog.ElectionFailed(_logger, HumanDuration.Format(pause), ex.Message, ex is ZooKeeperException ? null : ex);
                _metrics.FailedToFollow();
                failed = true;
            }

            // However following ended, a node still there would keep this instance's place ahead of the one it joins
            // with next: the members' watch may fail with an error it does not retry while the session lives on.
            if (membership is not null)
            {
                await ElectionNodeRemoval.DeleteAsync(_group, membership, _time, _logger, _metrics, _abandoning.Token).ConfigureAwait(false);
            }

            if (failed)
            {
                if (!await PausedAsync(pause).ConfigureAwait(false))
                {
                    return;
                }

                pause = Doubling.Next(pause, MaxRejoinDelay);
            }
        }
    }

    // False when the instance stopped during the pause.
    private async Task<bool> PausedAsync(TimeSpan pause)
    {
        try
        {
            await Task.Delay(pause, _time, _stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Follows the members until this instance's node ends (or the instance stops); each reading of them is a success.
    private async Task FollowAsync(ZooKeeperMembership membership, Action read)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var following = Task.Run(async () =>
        {
            await foreach (var members in _group.WatchMembersAsync(ended.Token).ConfigureAwait(false))
            {
                read();
                Reevaluate("the election's members changed", () => _members = members);
            }
        });
        await Task.WhenAny(following, membership.Ended).ConfigureAwait(false);
        await ended.CancelAsync().ConfigureAwait(false);
        try
        {
            await following.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Judged on the membership held now, read under the same lock: one read before a failure and passed back after it
    // would make the instance lead again on a node about to be deleted.
    private void OnStateChanged(object? sender, ZooKeeperStateChangedEventArgs e) => Reevaluate($"the ZooKeeper session is {e.State}");

    // The node the lead is judged on from now on; null when the instance holds none.
    private void Hold(ZooKeeperMembership? membership, string reason) => Reevaluate(reason, () => _membership = membership);

    // Leads when this instance's node is the lowest and the session is surely alive; anything else ends leadership at once.
    // What changed is recorded under the same lock as the judgement on it.
    private void Reevaluate(string reason, Action? change = null)
    {
        CancellationTokenSource? lost = null;
        TaskCompletionSource? won = null;
        lock (_gate)
        {
            change?.Invoke();
            var leads = _membership is { IsActive: true } held && _client.State == ZooKeeperState.Connected && _members.Leader(Label) == held.Member;
            if (leads && _leading is null)
            {
                _leading = new CancellationTokenSource();
                won = _led;
                _led = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else if (!leads && _leading is not null)
            {
                lost = _leading;
                _leading = null;
            }
        }

        if (lost is not null)
        {
            LeadershipLog.Lost(_logger, reason);
            _metrics.Changed(leads: false);
            Tell(lost.Cancel, leads: false, reason);
        }

        if (won is not null)
        {
            LeadershipLog.Won(_logger, reason);
            _metrics.Changed(leads: true);
            Tell(() => won.TrySetResult(), leads: true, reason);
        }
    }

    // What a handler of Changed, or a callback registered on the leadership's token, throws is logged: it must not end
    // the election's loop, or a resignation with it.
    private void Tell(Action signal, bool leads, string reason)
    {
        Guarded(signal, leads);
        Guarded(() => Changed?.Invoke(this, new MesosLeadershipChangedEventArgs(leads, reason)), leads);
    }

    private void Guarded(Action handlers, bool leads)
    {
        try
        {
            handlers();
        }
        catch (Exception ex)
        {
            LeadershipLog.HandlerFailed(_logger, leads ? "the lead won" : "the lead lost", ex);
            _metrics.HandlerFailed();
        }
    }
}
