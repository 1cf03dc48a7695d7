using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Operator;

/// <summary>How the operator API client reaches the masters (<c>Mesos:Operator</c> in configuration).</summary>
public sealed class MesosOperatorOptions
{
    /// <summary>The configuration section these options are bound from by default.</summary>
    public const string SectionName = "Mesos:Operator";

    /// <summary>
    /// One master, e.g. <c>http://mesos-master:5050</c>, or the masters' ZooKeeper group, e.g. <c>zk://zk1:2181,zk2:2181/mesos</c>;
    /// shorthand for a one-element <see cref="Masters"/>.
    /// </summary>
    public string? Master { get; set; }

    /// <summary>Masters to try in turn until one leads or redirects to the leader; or a single zk:// URL, whose group names the leader.</summary>
    public List<string> Masters { get; set; } = [];

    /// <summary>The scheme of masters found through ZooKeeper, which a MasterInfo does not say: <c>http</c>, or <c>https</c>.</summary>
    public string DetectedMasterScheme { get; set; } = "http";

    /// <summary>The encoding of calls, answers and the event stream: application/x-protobuf (default) or application/json.</summary>
    public string ContentType { get; set; } = MesosContentTypes.Protobuf;

    /// <summary>
    /// How long a call may take, answer included, and how long SUBSCRIBE may wait for the master's answer and its
    /// first event (which carries the whole cluster state). The stream itself has no timeout: heartbeats guard it.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest answer (or streamed event) accepted, in bytes. GET_STATE of a large cluster runs to megabytes;
    /// an answer announcing more than this is refused before it is read.
    /// </summary>
    public long MaxAnswerBytes { get; set; } = RecordIoReaderOptions.DefaultMaxRecordLength;

    /// <summary>
    /// How many times a call is sent again after the master could not serve it (unreachable, 503, no leader yet),
    /// each time to the next master. Calls that change the cluster are sent again only when the master surely did
    /// not act on them.
    /// </summary>
    public int CallRetries { get; set; } = 2;

    /// <summary>The first wait before trying again (a call, or a lost event stream); doubles, with jitter.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Heartbeat intervals without any event after which the event stream is taken for dead.</summary>
    public int HeartbeatMissesBeforeReconnect { get; set; } = 5;

    /// <summary>
    /// An event stream that ends sooner than this after SUBSCRIBED counts as a failed attempt, so that a master which
    /// accepts and then drops every stream is not hammered.
    /// </summary>
    public TimeSpan StableSubscriptionTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events read ahead of the consumer of the event stream; the reader waits beyond that.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    /// <summary>The principal for HTTP Basic authentication.</summary>
    public string? Principal { get; set; }

    /// <summary>The secret for HTTP Basic authentication. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Whether the credentials also go to a master that only a 307 named (not in <see cref="Masters"/>). Off by
    /// default, so that whoever answers as a master cannot collect them by redirecting.
    /// </summary>
    public bool SendCredentialsToRedirectTargets { get; set; }

    /// <summary>A PEM file of the CA that signs the masters' and agents' certificates, for https with a private CA.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>Every master configured, <see cref="Master"/> first.</summary>
    public IReadOnlyList<string> AllMasters => Master is null ? Masters : [Master, .. Masters];

    /// <summary>The options without secrets, for logs.</summary>
    public override string ToString()
        => $"Masters=[{string.Join(", ", AllMasters)}], ContentType={ContentType}, Principal={Principal ?? "(none)"}, Secret={(Secret is null ? "(none)" : "***")}";
}
