using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing;

/// <summary>
/// A Mesos cluster on this machine: masters serving the v1 scheduler API and agents serving the v1
/// executor API over real loopback HTTP, running tasks and executors as real child processes. Tests
/// inject faults through it and observe everything through <see cref="Journal"/>.
/// </summary>
/// <example><code>
/// await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 3 });
/// var master = cluster.MasterUri; // http://127.0.0.1:port/
/// </code></example>
public sealed class LocalMesosCluster : IAsyncDisposable
{
    internal const string MesosVersion = "1.11.0";

    private readonly LocalMaster _master;
    private readonly MasterFaults _faults;
    private readonly List<MasterServer> _servers = [];
    private readonly List<LocalAgent> _agents = [];
    private readonly bool _ownsWorkDirectory;
    private ZooKeeperMasterContender? _contender;
    private int _disposed;

    private LocalMesosCluster(LocalMesosClusterOptions options, string workDirectory, bool ownsWorkDirectory)
    {
        Options = options;
        WorkDirectory = workDirectory;
        _ownsWorkDirectory = ownsWorkDirectory;
        Journal = new ClusterJournal(options.TimeProvider, options.JournalCapacity);
        _master = new LocalMaster(options, Journal, options.TimeProvider);
        _faults = new MasterFaults(options.TimeProvider, Journal);
    }

    /// <summary>The options the cluster was built with.</summary>
    public LocalMesosClusterOptions Options { get; }

    /// <summary>Where agents keep sandboxes (<c>slaves/&lt;agent&gt;/frameworks/&lt;framework&gt;/executors/&lt;executor&gt;/runs/&lt;container&gt;</c>).</summary>
    public string WorkDirectory { get; }

    /// <summary>What the cluster received, sent and ran.</summary>
    public ClusterJournal Journal { get; }

    /// <summary>The leading master, e.g. <c>http://127.0.0.1:5050/</c>.</summary>
    public Uri MasterUri => MasterUris[LeaderIndex];

    /// <summary>Every master, leader or not, by index.</summary>
    public IReadOnlyList<Uri> MasterUris => _servers.Select(s => new Uri($"{(Options.MasterCertificate is null ? "http" : "https")}://{Options.Hostname}:{s.Port}/")).ToList();

    /// <summary>The index of the leading master.</summary>
    public int LeaderIndex
    {
        get
        {
            lock (_master.State.Sync)
            {
                return _master.State.LeaderIndex;
            }
        }
    }

    /// <summary>Every agent's executor API base URI, by index.</summary>
    public IReadOnlyList<Uri> AgentUris => _agents.Select(a => a.Uri).ToList();

    /// <summary>Every agent's ID, by index.</summary>
    public IReadOnlyList<string> AgentIds => _agents.Select(a => a.Id).ToList();

    /// <summary>Starts masters and agents and returns once all of them answer.</summary>
    public static async Task<LocalMesosCluster> StartAsync(LocalMesosClusterOptions? options = null)
    {
        options ??= new LocalMesosClusterOptions();
        options.Validate();
        var agents = AgentShape.Of(options);
        var owns = options.WorkDirectory is null;
        var workDirectory = Directory.CreateDirectory(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "mesos-local-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var cluster = new LocalMesosCluster(options, workDirectory, owns);
        try
        {
            await cluster.StartServersAsync(agents).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Fault: drops the framework's subscription connection. False when it has none open.</summary>
    public bool DropFrameworkStream(string frameworkId) => _master.Subscriptions.AbortStream(frameworkId);

    /// <summary>Fault: drops the connection of every operator API event stream (SUBSCRIBE on <c>/api/v1</c>); returns how many there were.</summary>
    public int DropOperatorStreams() => _master.Operators.AbortAll();

    /// <summary>Fault: the masters stop sending heartbeats (streams stay open and silent).</summary>
    public void StopHeartbeats() => _master.Subscriptions.SetHeartbeatsStopped(true);

    /// <summary>Undoes <see cref="StopHeartbeats"/>.</summary>
    public void ResumeHeartbeats() => _master.Subscriptions.SetHeartbeatsStopped(false);

    /// <summary>
    /// Fault: the next master takes the lead. Every subscription connection drops; the old leader
    /// answers 307 to the new one, which answers 503 "Master has not finished recovery" for
    /// <paramref name="recovery"/>. With <see cref="LocalMesosClusterOptions.ZooKeeper"/>, the old leader's
    /// node leaves the group, as when its process dies, and joins again behind the others, as when it restarts.
    /// </summary>
    public async Task FailOverLeaderAsync(TimeSpan recovery = default)
    {
        MasterInfo old;
        lock (_master.State.Sync)
        {
            old = _master.State.Masters[_master.State.LeaderIndex];
            _master.State.LeaderIndex = (_master.State.LeaderIndex + 1) % _servers.Count;
            _master.State.RecoveringUntil = Options.TimeProvider.GetUtcNow() + recovery;
        }

        // As a master that shuts down: it leaves ZooKeeper (closing its session), then its connections close.
        if (_contender is not null)
        {
            await _contender.WithdrawAsync(old.Id).ConfigureAwait(false);
        }

        _master.Subscriptions.AbortAllStreams();
        if (_contender is not null)
        {
            await _contender.ContendAsync(old).ConfigureAwait(false);
        }
    }

    /// <summary>Fault: the leader answers 503 "Master has not finished recovery" for <paramref name="duration"/>.</summary>
    public void AnswerUnavailableFor(TimeSpan duration)
    {
        lock (_master.State.Sync)
        {
            _master.State.RecoveringUntil = Options.TimeProvider.GetUtcNow() + duration;
        }
    }

    /// <summary>Fault: the next <paramref name="count"/> scheduler calls matching <paramref name="which"/> wait <paramref name="delay"/> first.</summary>
    public void DelaySchedulerCalls(TimeSpan delay, Func<Call, bool>? which = null, int count = int.MaxValue) => _faults.Delay(delay, which, count);

    /// <summary>Fault: the next <paramref name="count"/> scheduler calls matching <paramref name="which"/> get their connection closed, unanswered and unprocessed.</summary>
    public void DropSchedulerCalls(int count = 1, Func<Call, bool>? which = null) => _faults.Drop(which, count);

    /// <summary>Ends every delay and drop still pending.</summary>
    public void ClearCallFaults() => _faults.Clear();

    /// <summary>Fault: stops the agent's process; executors of checkpointing frameworks keep running.</summary>
    public Task StopAgentAsync(int index) => _agents[index].StopAsync();

    /// <summary>Brings a stopped agent back on its port, in recovery.</summary>
    public Task StartAgentAsync(int index) => _agents[index].RestartAsync();

    /// <summary>Fault: stops and restarts an agent, as an upgrade or a crash would.</summary>
    public async Task RestartAgentAsync(int index)
    {
        await StopAgentAsync(index).ConfigureAwait(false);
        await StartAgentAsync(index).ConfigureAwait(false);
    }

    /// <summary>Fault: removes an agent from the cluster; its tasks are lost and frameworks told.</summary>
    public Task RemoveAgentAsync(int index) => _agents[index].RemoveAsync();

    /// <summary>Stops everything and kills every process the cluster started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_contender is not null)
        {
            await _contender.DisposeAsync().ConfigureAwait(false);
        }

        await _master.DisposeAsync().ConfigureAwait(false);
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var agent in _agents)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsWorkDirectory)
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying process; the temporary directory can stay.
            }
        }
    }

    private async Task StartServersAsync(List<AgentShape> agents)
    {
        var authenticator = Options.Credentials is { } credentials ? new BasicAuthenticator(credentials) : null;
        for (var i = 0; i < Options.Masters; i++)
        {
            var server = new MasterServer(_master, i, authenticator, _faults);
            _servers.Add(server);
            await server.StartAsync(Options.MasterPort == 0 ? 0 : Options.MasterPort + i).ConfigureAwait(false);
            _master.State.Masters.Add(MasterInfoFor(server.Port));
        }

        if (Options.ZooKeeper is { } zooKeeper)
        {
            // In index order, the leader first: the lowest sequence leads, as the cluster's own leader index says.
            _contender = new ZooKeeperMasterContender(zooKeeper, time: Options.TimeProvider);
            foreach (var master in _master.State.Masters)
            {
                await _contender.ContendAsync(master).ConfigureAwait(false);
            }
        }

        var tokens = Options.AuthenticateExecutors ? new ExecutorTokens(RandomNumberGenerator.GetBytes(32)) : null;
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = new LocalAgent(_master.State, _master.Reports, i, agents[i], WorkDirectory, tokens);
            _agents.Add(agent);
            await agent.StartAsync(Options.AgentPort == 0 ? 0 : Options.AgentPort + i).ConfigureAwait(false);
            _master.AddAgent(agent);
        }
    }

    private MasterInfo MasterInfoFor(int port)
    {
        var address = IPAddress.Parse(Options.Hostname);
        var info = new MasterInfo
        {
            Id = Guid.NewGuid().ToString("D"),
            Ip = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? BinaryPrimitives.ReadUInt32LittleEndian(address.GetAddressBytes()) : 0,
            Port = (uint)port,
            Pid = string.Create(CultureInfo.InvariantCulture, $"master@{Options.Hostname}:{port}"),
            Hostname = Options.Hostname,
            Version = MesosVersion,
            Address = new Address { Hostname = Options.Hostname, Ip = Options.Hostname, Port = port },
        };
        info.Capabilities.Add(new MasterInfo.Types.Capability { Type = MasterInfo.Types.Capability.Types.Type.AgentUpdate });
        return info;
    }
}
