namespace Mesos.Hosting.Scheduler;

/// <summary>Where the driver stands.</summary>
internal enum SchedulerState
{
    /// <summary>Not started yet.</summary>
    NotStarted,

    /// <summary>Subscribing (first time or again after a lost stream).</summary>
    Connecting,

    /// <summary>Subscribed, receiving events.</summary>
    Subscribed,

    /// <summary>Another instance of the framework leads; this one waits to take over.</summary>
    Standby,

    /// <summary>Stopped with the host.</summary>
    Stopped,

    /// <summary>Stopped by an unrecoverable error.</summary>
    Failed,
}

/// <summary>A snapshot of the driver's health, for the health check.</summary>
/// <param name="State">The driver's state.</param>
/// <param name="LastEventAt">When the last event of any kind was read.</param>
/// <param name="HeartbeatInterval">The interval the master announced.</param>
/// <param name="Error">The unrecoverable error, when <see cref="SchedulerState.Failed"/>.</param>
/// <param name="WaitingSince">
/// Since when the driver has been trying to subscribe without ever having been subscribed (since it started, or took
/// the lead); null once it was subscribed, so that a later reconnection is told apart from never having reached a master.
/// </param>
internal sealed record SchedulerHealth(SchedulerState State, DateTimeOffset LastEventAt, TimeSpan HeartbeatInterval, string? Error, DateTimeOffset? WaitingSince = null);
