using Mesos.Hosting.Executor;
using Mesos.V1;

namespace Mesos.Hosting.GenericHost;

/// <summary>The executor behind <c>AddMesosTaskExecutor</c>: every launched task becomes a run of the user's task runner.</summary>
internal sealed class TaskRunnerExecutor<TRunner>(RunningTasks<TRunner> runs) : MesosExecutor
    where TRunner : class, IMesosTaskRunner
{
    public override Task LaunchTaskAsync(TaskInfo task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        runs.Start(task);
        return Task.CompletedTask;
    }

    public override Task KillTaskAsync(TaskID taskId, KillPolicy? killPolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        runs.Kill(taskId);
        return Task.CompletedTask;
    }

    public override Task ShutdownAsync(CancellationToken cancellationToken) => runs.StopAllAsync(cancellationToken);
}
