using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Connection;

/// <summary>
/// Follows the leading master through ZooKeeper, as Mesos's own detector does: masters are the members of the
/// group at the URL's path labelled <c>json.info</c>, the leader the one with the lowest sequence number, its node's
/// data its MasterInfo in JSON. Every change of the group is seen at once through a watch, so a driver learns of a
/// new leader without waiting for its heartbeats to fall silent. ZooKeeper is the authority: redirects are followed
/// for one request but do not move the leader.
/// </summary>
internal sealed class ZooKeeperMasterDetector : IMasterDetector, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan RereadDelay = TimeSpan.FromMilliseconds(200);

    private readonly ZooKeeperClient _client;
    private readonly ZooKeeperGroup _group;
    private readonly string _scheme;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<string> _detected = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private readonly Task _following;
    private Uri? _leader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public ZooKeeperMasterDetector(ZooKeeperConnectionString url, string scheme, TimeProvider time, ILoggerFactory loggers)
    {
        url.ValidateForMasterDetection();
        _scheme = scheme;
        _time = time;
        _logger = loggers.CreateLogger("Mesos.Hosting.Connection");
        _client = new ZooKeeperClient(ZooKeeperClientOptions.From(url), time, loggers.CreateLogger<ZooKeeperClient>());
        _group = new ZooKeeperGroup(_client, url.Path, _logger);
        _following = Task.Run(FollowAsync);
    }

    /// <summary>The leader now, or null while there is none.</summary>
    public Uri? Leader
    {
        get
        {
            lock (_gate)
            {
                return _leader;
            }
        }
    }

    /// <summary>The leader; while there is none, waits until there is one.</summary>
    public async ValueTask<Uri> DetectAsync(Uri? failed, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_leader is { } leader)
                {
                    return leader;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void LeaderIs(Uri leader)
    {
    }

    public bool IsKnownMaster(Uri master)
    {
        lock (_gate)
        {
            return _detected.Contains(master.Authority);
        }
    }

    public bool StillLeads(Uri master)
    {
        lock (_gate)
        {
            return _leader == master;
        }
    }

    /// <summary>Completes once the leader is no longer <paramref name="leader"/>.</summary>
    public async Task LeaderChangedAsync(Uri leader, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_leader != leader)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _following.ConfigureAwait(false);
        _group.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task FollowAsync()
    {
        try
        {
            await foreach (var members in _group.WatchMembersAsync(_stopping.Token).ConfigureAwait(false))
            {
                Publish(await LeaderOfAsync(members).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    // The leading member's address; null when there is no leader, or its node is gone or unreadable.
    private async Task<Uri?> LeaderOfAsync(ZooKeeperGroupMembers members)
    {
        if (members.Leader(MasterInfoJson.Label) is not { } member)
        {
            ConnectionLog.NoLeadingMaster(_logger, _group.Path, members.ToString());
            return null;
        }

        var node = $"{_group.Path.TrimEnd('/')}/{member.Name}";
        while (true)
        {
            try
            {
                if (await _group.GetDataAsync(member, _stopping.Token).ConfigureAwait(false) is not { } data)
                {
                    return null;
                }

                var master = MasterAddress.From(MasterInfoJson.Parse(data, node), _scheme, out var problem);
                if (master is null)
                {
                    ConnectionLog.UnusableMasterInfo(_logger, node, problem!);
                }

                return master;
            }
            catch (InvalidDataException ex)
            {
                ConnectionLog.UnusableMasterInfo(_logger, node, ex.Message);
                return null;
            }
            catch (ZooKeeperException ex) when (ex.Code != ZooKeeperErrorCode.SessionExpired)
            {
                // Connection loss and the like: the same member is read again once the session is back.
                ConnectionLog.MasterInfoUnread(_logger, node, ex.Message);
                await Task.Delay(RereadDelay, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (ZooKeeperException)
            {
                return null;
            }
        }
    }

    private void Publish(Uri? leader)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (leader == _leader)
            {
                return;
            }

            _leader = leader;
            if (leader is not null)
            {
                _detected.Add(leader.Authority);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        ConnectionLog.LeaderDetected(_logger, leader?.ToString() ?? "(none)", _group.Path);
        changed.TrySetResult();
    }
}
