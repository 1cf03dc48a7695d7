using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Scheduler;

/// <summary>How the scheduler driver connects and behaves (<c>Mesos:Scheduler</c> in configuration).</summary>
public sealed class MesosSchedulerOptions
{
    /// <summary>The configuration section these options are bound from by default.</summary>
    public const string SectionName = "Mesos:Scheduler";

    /// <summary>
    /// One master, e.g. <c>http://mesos-master:5050</c>; or the masters' ZooKeeper group,
    /// <c>zk://[user:password@]host1:2181,host2:2181/mesos</c>, followed live to whichever master leads.
    /// Shorthand for a one-element <see cref="Masters"/>.
    /// </summary>
    public string? Master { get; set; }

    /// <summary>Masters to try in turn until one leads or redirects to the leader (or one <c>zk://</c> URL alone).</summary>
    public List<string> Masters { get; set; } = [];

    /// <summary>The scheme of masters found through ZooKeeper, which a MasterInfo does not say: <c>http</c>, or <c>https</c>.</summary>
    public string DetectedMasterScheme { get; set; } = "http";

    /// <summary>The framework to subscribe as.</summary>
    public MesosFrameworkOptions Framework { get; set; } = new();

    /// <summary>The encoding of calls and of the event stream: application/x-protobuf (default) or application/json.</summary>
    public string ContentType { get; set; } = MesosContentTypes.Protobuf;

    /// <summary>The first wait before subscribing again after a failed attempt; doubles, with jitter.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between subscription attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Heartbeat intervals without any event after which the stream is taken for dead.</summary>
    public int HeartbeatMissesBeforeReconnect { get; set; } = 5;

    /// <summary>
    /// How long a call may take, and how long SUBSCRIBE may wait for the master's answer and its first event.
    /// The stream itself has no timeout: the heartbeat watchdog guards it.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A subscription that ends sooner than this after SUBSCRIBED counts as a failed attempt: the next SUBSCRIBE
    /// waits as after a failure, and the waits keep growing while subscriptions keep ending early.
    /// </summary>
    public TimeSpan StableSubscriptionTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the credentials also go to a master that only a 307 named (not in <see cref="Masters"/>, not
    /// detected). Off by default, so that whoever answers as a master cannot collect them by redirecting.
    /// </summary>
    public bool SendCredentialsToRedirectTargets { get; set; }

    /// <summary>Whether offers the resource offers callback neither accepted nor declined are declined when it returns.</summary>
    public bool DeclineUnusedOffers { get; set; } = true;

    /// <summary>The refuse_seconds of those automatic declines.</summary>
    public double UnusedOfferRefuseSeconds { get; set; } = 5;

    /// <summary>Whether updates are acknowledged automatically once the status update callback returns.</summary>
    public bool ImplicitAcknowledgements { get; set; } = true;

    /// <summary>How often to reconcile every task implicitly; zero turns it off.</summary>
    public TimeSpan ImplicitReconciliationInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first wait before asking again about tasks that explicit reconciliation left unanswered.</summary>
    public TimeSpan ReconciliationInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between explicit reconciliation rounds.</summary>
    public TimeSpan ReconciliationMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where the framework ID is kept across restarts, relative to the host's content root; in memory only when
    /// unset. Not used with <see cref="HighAvailability"/>, whose instances keep the ID in ZooKeeper.
    /// </summary>
    public string? FrameworkIdFile { get; set; }

    /// <summary>
    /// When Mesos refuses to resume the stored framework because it was removed (torn down, or its failover timeout
    /// passed), forget its ID and subscribe as a new framework; false: stop with an unrecoverable error.
    /// </summary>
    public bool ResubscribeWhenFrameworkRemoved { get; set; } = true;

    /// <summary>Several instances of this framework, one leading (see <see cref="MesosHighAvailabilityOptions"/>).</summary>
    public MesosHighAvailabilityOptions HighAvailability { get; set; } = new();

    /// <summary>How the health check judges the driver (see <see cref="MesosSchedulerHealthOptions"/>).</summary>
    public MesosSchedulerHealthOptions Health { get; set; } = new();

    /// <summary>The principal for HTTP Basic authentication and FrameworkInfo.principal.</summary>
    public string? Principal { get; set; }

    /// <summary>The secret for HTTP Basic authentication. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>A PEM file of the CA that signs the masters' certificates, for https masters with a private CA.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>About how many events are read ahead of the callbacks (in batches of up to 256, waiting framed, one batch per decoder parsed); the reader waits beyond that.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    /// <summary>
    /// Whether an unrecoverable error (an ERROR event, 401, 403, a refused subscription) stops the application
    /// after the error callback, with exit code 1.
    /// </summary>
    public bool StopApplicationOnError { get; set; } = true;

    /// <summary>Every master configured, <see cref="Master"/> first.</summary>
    public IReadOnlyList<string> AllMasters => Master is null ? Masters : [Master, .. Masters];

    /// <summary>The options without secrets, for logs.</summary>
    public override string ToString()
        => $"Masters=[{string.Join(", ", AllMasters)}], Framework={Framework.Name}, ContentType={ContentType}, Principal={Principal ?? "(none)"}, Secret={(Secret is null ? "(none)" : "***")}";
}
