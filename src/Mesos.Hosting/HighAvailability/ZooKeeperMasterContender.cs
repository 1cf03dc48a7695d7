using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.ZooKeeper;
using Mesos.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Puts masters up for election in ZooKeeper as Mesos masters contend (<c>src/master/contender</c>): each joins the
/// group at the URL's path as a <c>json.info_</c> member holding its MasterInfo in JSON, and the member with the
/// lowest sequence leads. Everything that detects masters through the same <c>zk://</c> URL (frameworks, agents,
/// this SDK's drivers) follows that leader. It is for whatever stands in for Mesos masters (a local cluster, a proxy,
/// a test rig); a framework never needs it.
/// </summary>
/// <remarks>
/// All masters share one ZooKeeper session. If it expires, ZooKeeper deletes every member; the contender then joins
/// them again in the order they held, as supervised masters restarting would, so the leader stays the leader.
/// Disposing closes the session, which removes every member at once.
/// </remarks>
public sealed class ZooKeeperMasterContender : IAsyncDisposable
{
    private readonly ZooKeeperClient _client;
    private readonly ZooKeeperGroup _group;
    private readonly ILogger _logger;
    private readonly List<Contention> _contending = [];
    private readonly SemaphoreSlim _joining = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>
    /// Connects to the ensemble of <paramref name="zooKeeperUrl"/> (<c>zk://[user:password@]host:port,…/path</c>); the
    /// path names the masters' group. <paramref name="sessionTimeout"/> is Mesos's <c>--zk_session_timeout</c> (10 s).
    /// </summary>
    /// <exception cref="FormatException"><paramref name="zooKeeperUrl"/> is not such a URL, or its path is <c>/</c>.</exception>
    public ZooKeeperMasterContender(string zooKeeperUrl, TimeSpan? sessionTimeout = null, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(zooKeeperUrl);
        var url = ZooKeeperConnectionString.Parse(zooKeeperUrl);
        url.ValidateForMasterDetection();
        loggers ??= NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger("Mesos.Hosting.HighAvailability");
        _client = new ZooKeeperClient(ZooKeeperClientOptions.From(url, sessionTimeout), time ?? TimeProvider.System, loggers.CreateLogger<ZooKeeperClient>());
        _group = new ZooKeeperGroup(_client, url.Path, _logger);
    }

    /// <summary>
    /// Puts <paramref name="master"/> up for election behind every master already contending: it leads once all of
    /// them have withdrawn. Returns once its node exists.
    /// </summary>
    /// <exception cref="ArgumentException">The MasterInfo lacks a required field (id, ip, port), or a master with its ID already contends.</exception>
    public async Task ContendAsync(MasterInfo master, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(master);
        // Required in MasterInfo: a detector cannot parse a node without them.
        if (string.IsNullOrEmpty(master.Id) || !master.HasIp || !master.HasPort)
        {
            var missing = string.Join(", ", new[] { ("id", string.IsNullOrEmpty(master.Id)), ("ip", !master.HasIp), ("port", !master.HasPort) }.Where(f => f.Item2).Select(f => f.Item1));
            throw new ArgumentException($"A contending master's MasterInfo needs its required fields; this one lacks {missing}.", nameof(master));
        }

        await _joining.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_contending.Any(c => c.Master.Id == master.Id))
            {
                throw new ArgumentException($"Master {master.Id} is already contending.", nameof(master));
            }

            var contention = new Contention(master.Clone());
            contention.Membership = await _group.JoinAsync(MasterInfoJson.Label, MasterInfoJson.Write(master), cancellationToken).ConfigureAwait(false);
            _contending.Add(contention);
            _ = RejoinAfterExpiryAsync(contention.Membership);
        }
        finally
        {
            _joining.Release();
        }
    }

    /// <summary>Withdraws the master with <paramref name="masterId"/>, as its process ending would; false when it was not contending.</summary>
    public async Task<bool> WithdrawAsync(string masterId, CancellationToken cancellationToken = default)
    {
        await _joining.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var contention = _contending.Find(c => c.Master.Id == masterId);
            if (contention is null)
            {
                return false;
            }

            await _group.LeaveAsync(contention.Membership!, cancellationToken).ConfigureAwait(false);
            _contending.Remove(contention);
            return true;
        }
        finally
        {
            _joining.Release();
        }
    }

    /// <summary>Closes the session: every master's node goes at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _joining.WaitAsync().ConfigureAwait(false);
        _group.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
        _joining.Release();
        _stopping.Dispose();
    }

    // After an expiry every member of the session is gone; they join again in their old order.
    private async Task RejoinAfterExpiryAsync(ZooKeeperMembership membership)
    {
        if (await membership.Ended.ConfigureAwait(false) != ZooKeeperMembershipEnd.SessionExpired)
        {
            return;
        }

        try
        {
            await _joining.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            foreach (var contention in _contending.Where(c => !c.Membership!.IsActive))
            {
                await _client.WaitUntilConnectedAsync(_stopping.Token).ConfigureAwait(false);
                contention.Membership = await _group.JoinAsync(MasterInfoJson.Label, MasterInfoJson.Write(contention.Master), _stopping.Token).ConfigureAwait(false);
                LeadershipLog.MasterRejoined(_logger, contention.Master.Id, contention.Membership.Path);
                _ = RejoinAfterExpiryAsync(contention.Membership);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _stopping.IsCancellationRequested)
        {
            // Stopping: the session closes and the nodes with it.
        }
        catch (Exception ex) when (ex is ZooKeeperException or InvalidDataException)
        {
            LeadershipLog.MasterRejoinFailed(_logger, ex.Message);
        }
        finally
        {
            _joining.Release();
        }
    }

    private sealed class Contention(MasterInfo master)
    {
        public MasterInfo Master { get; } = master;

        public ZooKeeperMembership? Membership { get; set; }
    }
}
