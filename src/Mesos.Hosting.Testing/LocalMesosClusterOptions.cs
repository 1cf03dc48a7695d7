namespace Mesos.Hosting.Testing;

/// <summary>How a <see cref="LocalMesosCluster"/> is built. The defaults are Mesos's own.</summary>
public sealed class LocalMesosClusterOptions
{
    /// <summary>Masters in the cluster; the first leads. More than one lets a test fail the leader over.</summary>
    public int Masters { get; init; } = 1;

    /// <summary>Agents in the cluster.</summary>
    public int Agents { get; init; } = 1;

    /// <summary>Each agent's resources, in the agent flag syntax.</summary>
    public string AgentResources { get; init; } = "cpus:4;mem:8192;disk:20000;ports:[31000-32000]";

    /// <summary>Agent <c>i</c> takes the <c>i</c>-th profile (hostname, attributes, resources); agents beyond the list are plain.</summary>
    public IReadOnlyList<LocalAgentProfile> AgentProfiles { get; init; } = [];

    /// <summary>The port of the first master; the others follow it. 0 picks free ports.</summary>
    public int MasterPort { get; init; }

    /// <summary>The port of the first agent; the others follow it. 0 picks free ports.</summary>
    public int AgentPort { get; init; }

    /// <summary>The address everything listens on, and the hostname masters and agents advertise.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>Where sandboxes go; a new temporary directory, removed on disposal, when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The interval of scheduler heartbeats (Mesos: 15 s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the allocator looks again at filtered resources (Mesos: 1 s).</summary>
    public TimeSpan AllocationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry of an unacknowledged status update (Mesos: 10 s, doubling).</summary>
    public TimeSpan StatusUpdateRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between retries of an unacknowledged status update (Mesos: 10 min).</summary>
    public TimeSpan StatusUpdateRetryMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an executor has to subscribe after launch (Mesos: 1 min).</summary>
    public TimeSpan ExecutorRegistrationTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long checkpointing executors have to resubscribe after an agent restart (Mesos: 2 s).</summary>
    public TimeSpan ExecutorReregistrationTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a shut-down executor has before it is killed (Mesos: 5 s).</summary>
    public TimeSpan ExecutorShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What executors are told as MESOS_RECOVERY_TIMEOUT (Mesos: 15 min).</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The master's --roles: when set, frameworks may use only these roles (and <c>*</c>).</summary>
    public IReadOnlyCollection<string>? Roles { get; init; }

    /// <summary>Principal → secret. When set, schedulers must authenticate with HTTP Basic.</summary>
    public IReadOnlyDictionary<string, string>? Credentials { get; init; }

    /// <summary>When true, agents mint a JWT per executor and require it as a bearer token.</summary>
    public bool AuthenticateExecutors { get; init; }

    /// <summary>When set, masters serve HTTPS with this certificate (which must hold its private key).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? MasterCertificate { get; init; }

    /// <summary>
    /// A <c>zk://host:port,…/path</c> URL: the masters contend there as Mesos masters do (<c>json.info_</c> nodes),
    /// so frameworks can find the leader through ZooKeeper. Null: they are found by URL only.
    /// </summary>
    public string? ZooKeeper { get; init; }

    /// <summary>
    /// When set, agents are simulated: their tasks and executors run in process as this says, with no child processes
    /// and no agent HTTP servers (the agents' executor and operator APIs are not served). Null (the default): agents
    /// run command tasks and executors as real processes.
    /// </summary>
    public TaskSimulation? Simulation { get; init; }

    /// <summary>
    /// How many entries of each kind the <see cref="LocalMesosCluster.Journal"/> keeps (scheduler calls and events,
    /// executor calls and events, acknowledgements, subscriptions, launches, held calls, task histories), letting the
    /// oldest go first: an OFFERS event counts once per offer it carries, and a task's history goes when it is the one
    /// that changed least recently. Null (the default) keeps everything, as a test that looks back over a whole run
    /// needs; a cluster that runs for long, as mesos-local does, needs a bound, or it holds every offer it ever made.
    /// </summary>
    public int? JournalCapacity { get; init; }

    /// <summary>The clock for every timer in the cluster.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Masters, 1, nameof(Masters));
        ArgumentOutOfRangeException.ThrowIfNegative(Agents, nameof(Agents));
        if (JournalCapacity is { } capacity)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1, nameof(JournalCapacity));
        }

        if (AgentProfiles.Count > Agents)
        {
            throw new ArgumentException($"{AgentProfiles.Count} agent profiles for {Agents} agents: each profile describes one agent.", nameof(AgentProfiles));
        }

        foreach (var (name, value) in new[]
        {
            (nameof(HeartbeatInterval), HeartbeatInterval), (nameof(AllocationInterval), AllocationInterval),
            (nameof(StatusUpdateRetryInterval), StatusUpdateRetryInterval), (nameof(StatusUpdateRetryMax), StatusUpdateRetryMax),
            (nameof(ExecutorRegistrationTimeout), ExecutorRegistrationTimeout), (nameof(ExecutorReregistrationTimeout), ExecutorReregistrationTimeout),
            (nameof(ExecutorShutdownGracePeriod), ExecutorShutdownGracePeriod), (nameof(RecoveryTimeout), RecoveryTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }
    }
}
