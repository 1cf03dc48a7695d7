using System.Threading.Channels;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>Event delivery: one at a time, in order, each in its own DI scope.</summary>
internal sealed partial class ExecutorDriver
{
    private async Task DispatchAsync(ChannelReader<Event> events, CancellationToken stopping)
    {
        await foreach (var evt in events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (ShuttingDown || stopping.IsCancellationRequested)
            {
                continue;
            }

            await HandleAsync(evt, stopping).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(Event evt, CancellationToken stopping)
    {
        switch (evt.Type)
        {
            case Event.Types.Type.Subscribed when evt.Subscribed is { } subscribed:
                await SubscribedAsync(subscribed, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Launch when evt.Launch?.Task is { } task:
                if (await InvokeAsync("launch task", static (e, t, ct) => e.LaunchTaskAsync(t, ct), task, stopping, "the task is reported TASK_FAILED").ConfigureAwait(false) is { } failure)
                {
                    await FailLaunchAsync([task], failure, stopping).ConfigureAwait(false);
                }

                break;
            case Event.Types.Type.LaunchGroup when evt.LaunchGroup?.TaskGroup is { } group:
                if (await InvokeAsync("launch task group", static (e, g, ct) => e.LaunchTaskGroupAsync(g, ct), group, stopping, "its tasks are reported TASK_FAILED").ConfigureAwait(false) is { } groupFailure)
                {
                    await FailLaunchAsync(group.Tasks, groupFailure, stopping).ConfigureAwait(false);
                }

                break;
            case Event.Types.Type.Kill when evt.Kill?.TaskId is { } taskId:
                await InvokeAsync("kill task", static (e, k, ct) => e.KillTaskAsync(k.TaskId, k.KillPolicy, ct), evt.Kill, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Message when evt.Message is { } message:
                await InvokeAsync("framework message", static (e, data, ct) => e.FrameworkMessageAsync(data, ct), message.Data, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Error:
                var text = evt.Error?.Message ?? "ERROR event without a message";
                ExecutorLog.Error(_logger, text);
                await InvokeAsync("error", static (e, m, ct) => e.ErrorAsync(m, ct), text, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Shutdown:
                await ShutDownAsync("the agent sent SHUTDOWN", stopping).ConfigureAwait(false);
                break;
            default:
                ExecutorLog.UnknownEvent(_logger, (int)evt.Type);
                break;
        }
    }

    private async Task SubscribedAsync(Event.Types.Subscribed subscribed, CancellationToken stopping)
    {
        if (_registered)
        {
            await InvokeAsync("reregistered", static (e, s, ct) => e.ReregisteredAsync(s.AgentInfo ?? new AgentInfo(), ct), subscribed, stopping).ConfigureAwait(false);
            return;
        }

        _registered = true;
        await InvokeAsync("registered", static (e, s, ct) => e.RegisteredAsync(s.ExecutorInfo ?? new ExecutorInfo(), s.FrameworkInfo ?? new FrameworkInfo(), s.AgentInfo ?? new AgentInfo(), ct), subscribed, stopping).ConfigureAwait(false);
    }

    // A launch callback that threw leaves no task running: say so, rather than leave the task STAGING forever.
    private async Task FailLaunchAsync(IEnumerable<TaskInfo> tasks, string failure, CancellationToken stopping)
    {
        foreach (var task in tasks)
        {
            await SendStatusUpdateAsync(
                new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskFailed, Message = $"The executor failed to launch the task: {failure}" },
                stopping).ConfigureAwait(false);
        }
    }
}
