using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Executor;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// The runs of an <see cref="IMesosTaskRunner"/>: one per task, each in its own DI scope, each ended by
/// exactly one terminal update. Lives for the executor process, outside the per-event scopes.
/// </summary>
internal sealed class RunningTasks<TRunner>(IServiceScopeFactory scopes, IExecutorDriver driver, ExecutorTelemetry telemetry, ILogger<RunningTasks<TRunner>> logger)
    where TRunner : class, IMesosTaskRunner
{
    private readonly Dictionary<string, (CancellationTokenSource Cancel, Task Run)> _runs = new(StringComparer.Ordinal);

    public void Start(TaskInfo task)
    {
        lock (_runs)
        {
            if (_runs.ContainsKey(task.TaskId.Value))
            {
                return;
            }

            var cancel = new CancellationTokenSource();
            _runs[task.TaskId.Value] = (cancel, Task.Run(() => RunAsync(task, cancel)));
        }
    }

    public void Kill(TaskID taskId)
    {
        lock (_runs)
        {
            if (_runs.TryGetValue(taskId.Value, out var run))
            {
                run.Cancel.Cancel();
            }
        }
    }

    /// <summary>Cancels every run and waits until each has sent its terminal update.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        Task[] runs;
        lock (_runs)
        {
            foreach (var run in _runs.Values)
            {
                run.Cancel.Cancel();
            }

            runs = _runs.Values.Select(r => r.Run).ToArray();
        }

        await Task.WhenAll(runs).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Inside the task's run span (the driver's, which the terminal update ends), so that the runner's own spans are its children.
    private async Task RunAsync(TaskInfo task, CancellationTokenSource cancel)
    {
        var activity = telemetry.EnterRun(task.TaskId);
        TaskStatus final;
        try
        {
            await driver.SendStatusUpdateAsync(new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskRunning }, cancel.Token).ConfigureAwait(false);
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var data = await scope.ServiceProvider.GetRequiredService<TRunner>().RunAsync(task, cancel.Token).ConfigureAwait(false);
                final = new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskFinished };
                if (data is not null)
                {
                    final.Data = data;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            final = new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskKilled, Message = "The task was killed." };
        }
        catch (Exception ex)
        {
            MesosTracing.Failed(activity, ex);
            ExecutorLog.HandlerFailed(logger, ex, "task run", "the task is reported TASK_FAILED");
            final = new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskFailed, Message = ex.Message };
        }

        try
        {
            await driver.SendStatusUpdateAsync(final, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            lock (_runs)
            {
                _runs.Remove(task.TaskId.Value);
            }

            cancel.Dispose();
        }
    }
}
