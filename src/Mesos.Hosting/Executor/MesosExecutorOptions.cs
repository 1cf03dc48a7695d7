using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Executor;

/// <summary>
/// Settings of the executor driver, bound from <c>Mesos:Executor</c>. Everything about the executor's
/// identity and its agent comes from the MESOS_* environment the agent sets; a setting given here
/// overrides its variable (useful to run an executor by hand against an agent).
/// </summary>
public sealed class MesosExecutorOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Mesos:Executor";

    /// <summary>Overrides MESOS_AGENT_ENDPOINT (ip:port).</summary>
    public string? AgentEndpoint { get; set; }

    /// <summary>Overrides MESOS_FRAMEWORK_ID.</summary>
    public string? FrameworkId { get; set; }

    /// <summary>Overrides MESOS_EXECUTOR_ID.</summary>
    public string? ExecutorId { get; set; }

    /// <summary>Overrides MESOS_CHECKPOINT.</summary>
    public bool? Checkpoint { get; set; }

    /// <summary>Overrides MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD.</summary>
    public TimeSpan? ShutdownGracePeriod { get; set; }

    /// <summary>Overrides MESOS_RECOVERY_TIMEOUT.</summary>
    public TimeSpan? RecoveryTimeout { get; set; }

    /// <summary>Overrides MESOS_SUBSCRIPTION_BACKOFF_MAX.</summary>
    public TimeSpan? SubscriptionBackoffMax { get; set; }

    /// <summary>The content type spoken to the agent: <c>application/x-protobuf</c> (default) or <c>application/json</c>.</summary>
    public string ContentType { get; set; } = MesosContentTypes.Protobuf;

    /// <summary>How long a call to the agent may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often SUBSCRIBE is repeated while the agent is still recovering (it answers 503); also the first pause between
    /// attempts to send again, while subscribed, an update whose call failed.
    /// </summary>
    public TimeSpan SubscribeRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A subscription that ends sooner than this after SUBSCRIBED does not count as the agent reached again:
    /// the recovery timeout keeps running from the first loss.
    /// </summary>
    public TimeSpan StableSubscriptionTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping waits for the agent to acknowledge the last updates (Mesos's default executor waits 60 s).</summary>
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a HEARTBEAT call is sent while subscribed, as Mesos's executor library does.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether the process kills itself and its children when a SHUTDOWN's grace period runs out, as
    /// Mesos's executor library does; the agent would destroy the container at that point anyway.
    /// </summary>
    public bool HardExitAfterGracePeriod { get; set; } = true;
}
