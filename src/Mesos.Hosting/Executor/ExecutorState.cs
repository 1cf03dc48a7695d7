namespace Mesos.Hosting.Executor;

/// <summary>Where the executor driver is in its life.</summary>
internal enum ExecutorState
{
    /// <summary>Not running.</summary>
    Stopped,

    /// <summary>Subscribing to the agent, or reconnecting after losing it.</summary>
    Connecting,

    /// <summary>Subscribed; events are flowing.</summary>
    Subscribed,

    /// <summary>Shutting down after SHUTDOWN, or after losing the agent for good.</summary>
    ShuttingDown,
}
