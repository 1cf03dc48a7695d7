using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Executor;

/// <summary>
/// The common executor, reduced to one method: run a task to its end. Registered with
/// <c>AddMesosTaskExecutor</c>, the SDK sends TASK_RUNNING before <see cref="RunAsync"/> starts, then
/// TASK_FINISHED when it returns (with the returned data), TASK_FAILED with the message when it throws,
/// and TASK_KILLED when it ends by cancellation after a KILL or SHUTDOWN. Each run gets its own DI
/// scope, kept for the length of the run; runs of different tasks proceed at the same time.
/// </summary>
public interface IMesosTaskRunner
{
    /// <summary>Runs the task; the token is cancelled when Mesos kills it or the executor shuts down.</summary>
    Task<ByteString?> RunAsync(TaskInfo task, CancellationToken cancellationToken);
}
