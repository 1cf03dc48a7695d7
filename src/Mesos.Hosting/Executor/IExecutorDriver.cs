using Google.Protobuf;

namespace Mesos.Hosting.Executor;

/// <summary>The executor's calls to its agent; a singleton, injectable anywhere in the executor process.</summary>
public interface IExecutorDriver
{
    /// <summary>Who this executor is and how its agent treats it, as the environment and <c>Mesos:Executor</c> settings say.</summary>
    MesosExecutorEnvironment Environment { get; }

    /// <summary>Whether the executor is subscribed to its agent right now.</summary>
    bool IsSubscribed { get; }

    /// <summary>Updates sent and not yet ACKNOWLEDGED by the agent.</summary>
    int UnacknowledgedUpdates { get; }

    /// <summary>
    /// Sends a status update. The driver gives it a fresh uuid, <c>SOURCE_EXECUTOR</c>, the executor ID
    /// and a timestamp, and keeps it until the agent acknowledges it: while disconnected it waits, and
    /// every resubscription sends it again. A task's updates reach the agent one at a time, in the order
    /// they were sent: one whose call fails is sent again while subscribed too, its task's later updates
    /// waiting behind it, and this call returns once the update is sent or kept waiting. Cancelling the call
    /// does not withdraw the update: it stays kept and is sent. The agent refusing an update sent at once
    /// with 400 throws <see cref="MesosCallException"/>; one refused after waiting is logged. TASK_STAGING
    /// is refused with an <see cref="ArgumentException"/>.
    /// </summary>
    Task SendStatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken = default);

    /// <summary>Sends a message to the scheduler; best effort, as in Mesos.</summary>
    Task SendFrameworkMessageAsync(ByteString data, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the executor: waits (up to <see cref="MesosExecutorOptions.AcknowledgementTimeout"/>) until the
    /// agent acknowledged every update, so that no final state is lost, then stops the host.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}
