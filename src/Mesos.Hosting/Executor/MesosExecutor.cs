using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Executor;

/// <summary>An executor whose callbacks do nothing until overridden; a task group is launched task by task.</summary>
public abstract class MesosExecutor : IMesosExecutor
{
    /// <inheritdoc/>
    public virtual Task RegisteredAsync(ExecutorInfo executor, FrameworkInfo framework, AgentInfo agent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ReregisteredAsync(AgentInfo agent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task DisconnectedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public abstract Task LaunchTaskAsync(TaskInfo task, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public virtual async Task LaunchTaskGroupAsync(TaskGroupInfo group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        foreach (var task in group.Tasks)
        {
            await LaunchTaskAsync(task, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public virtual Task KillTaskAsync(TaskID taskId, KillPolicy? killPolicy, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task FrameworkMessageAsync(ByteString data, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ShutdownAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task ErrorAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;
}
