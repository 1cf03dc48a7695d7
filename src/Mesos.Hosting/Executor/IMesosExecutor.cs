using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Executor;

/// <summary>
/// A framework's executor: the callbacks Mesos executor authors know from every driver, called one at
/// a time and in order, each in its own DI scope (an executor registered as a singleton is called
/// directly). A callback should start long work and return, so
/// that a KILL or SHUTDOWN behind it is not held up. Derive from <see cref="MesosExecutor"/> to
/// override only what you need, or use <see cref="IMesosTaskRunner"/> for the common case.
/// </summary>
public interface IMesosExecutor
{
    /// <summary>The first SUBSCRIBED: the agent accepted this executor.</summary>
    Task RegisteredAsync(ExecutorInfo executor, FrameworkInfo framework, AgentInfo agent, CancellationToken cancellationToken);

    /// <summary>A later SUBSCRIBED, after the agent restarted or the connection was lost.</summary>
    Task ReregisteredAsync(AgentInfo agent, CancellationToken cancellationToken);

    /// <summary>The connection to the agent was lost; a checkpointing executor is reconnecting, any other is shutting down.</summary>
    Task DisconnectedAsync(CancellationToken cancellationToken);

    /// <summary>LAUNCH: start the task and report it with status updates.</summary>
    Task LaunchTaskAsync(TaskInfo task, CancellationToken cancellationToken);

    /// <summary>LAUNCH_GROUP: start every task of the group; they live and die together.</summary>
    Task LaunchTaskGroupAsync(TaskGroupInfo group, CancellationToken cancellationToken);

    /// <summary>KILL: stop the task and send TASK_KILLED (or TASK_FAILED).</summary>
    Task KillTaskAsync(TaskID taskId, KillPolicy? killPolicy, CancellationToken cancellationToken);

    /// <summary>A message the scheduler sent; best effort.</summary>
    Task FrameworkMessageAsync(ByteString data, CancellationToken cancellationToken);

    /// <summary>
    /// SHUTDOWN, from the agent or because the agent is gone for good: stop every task. The token is
    /// cancelled before the grace period ends; the process is then stopped whatever the callback does.
    /// </summary>
    Task ShutdownAsync(CancellationToken cancellationToken);

    /// <summary>An ERROR event, or a refusal of the subscription.</summary>
    Task ErrorAsync(string message, CancellationToken cancellationToken);
}
