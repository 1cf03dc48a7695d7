using System.Threading.Channels;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Executor;

/// <summary>Event delivery, one at a time and in order; and SHUTDOWN, real or decided here.</summary>
internal sealed partial class ExecutorLoop
{
    // Of the grace period: the share the shutdown callback gets, and the point by which the host is told to stop.
    private const double CallbackShare = 0.5;
    private const double StopShare = 0.8;

    // Mesos counts a grace period in nanoseconds, to centuries; .NET's timers count to about 49.7 days and throw past
    // that. A longer grace is waited out as the longest a timer can count.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    // A failure here is not a callback's (those are caught where they are called) but the driver's: the session ends at
    // once, so that the executor does not read on with no one delivering, and the failure reaches RunAsync as one that
    // no retry can mend, which logs it, sets the exit code and shuts down.
    private async Task DispatchAsync(ChannelReader<Event> events, CancellationTokenSource ending, CancellationToken stopping)
    {
        try
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
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping, which is no failure: RunAsync takes the cancellation as the stop it is.
            await ending.CancelAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            await ending.CancelAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Delivering events failed: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private async Task HandleAsync(Event evt, CancellationToken stopping)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ExecutorLog.EventReceived(_logger, MesosNames.Of(evt.Type));
        }

        switch (evt.Type)
        {
            case Event.Types.Type.Subscribed:
                await SubscribedAsync(evt.Subscribed, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Launch:
                using (_driver.Telemetry.Launch([evt.Launch.Task]))
                {
                    await LaunchAsync(evt.Launch.Task, stopping).ConfigureAwait(false);
                }

                break;
            case Event.Types.Type.LaunchGroup:
                using (_driver.Telemetry.Launch(evt.LaunchGroup.TaskGroup.Tasks))
                {
                    await LaunchGroupAsync(evt.LaunchGroup.TaskGroup, stopping).ConfigureAwait(false);
                }

                break;
            case Event.Types.Type.Kill:
                await InvokeAsync("kill task", static (e, k, ct) => e.KillTaskAsync(k.TaskId, k.KillPolicy, ct), evt.Kill, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Message:
                await InvokeAsync("framework message", static (e, data, ct) => e.FrameworkMessageAsync(data, ct), evt.Message.Data, stopping).ConfigureAwait(false);
                break;
            case Event.Types.Type.Error:
                var text = Wire.PeerText.From(evt.Error?.Message ?? "ERROR event without a message");
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

    private async Task LaunchAsync(TaskInfo task, CancellationToken stopping)
    {
        if (await InvokeAsync("launch task", static (e, t, ct) => e.LaunchTaskAsync(t, ct), task, stopping, "the task is reported TASK_FAILED").ConfigureAwait(false) is { } failure)
        {
            await FailLaunchAsync([task], failure, stopping).ConfigureAwait(false);
        }
    }

    private async Task LaunchGroupAsync(TaskGroupInfo group, CancellationToken stopping)
    {
        if (await InvokeAsync("launch task group", static (e, g, ct) => e.LaunchTaskGroupAsync(g, ct), group, stopping, "its tasks are reported TASK_FAILED").ConfigureAwait(false) is { } failure)
        {
            await FailLaunchAsync(group.Tasks, failure, stopping).ConfigureAwait(false);
        }
    }

    // A launch callback that threw leaves no task running: say so, rather than leave the task STAGING forever.
    private async Task FailLaunchAsync(IEnumerable<TaskInfo> tasks, string failure, CancellationToken stopping)
    {
        foreach (var task in tasks)
        {
            await _driver.ReportAsync(
                new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskFailed, Message = $"The executor failed to launch the task: {failure}" },
                stopping).ConfigureAwait(false);
        }
    }

    // SHUTDOWN: stop the tasks, let their last updates reach the agent, stop the host. Once begun, it ends with the host
    // told to stop whatever fails on the way: a second call returns at once, so nothing else would tell it.
    private async Task ShutDownAsync(string reason, CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _shuttingDown, 1) == 1)
        {
            return;
        }

        try
        {
            _state = ExecutorState.ShuttingDown;
            ExecutorLog.ShuttingDown(_logger, reason);
            var grace = Environment.ShutdownGracePeriod < LongestTimer ? Environment.ShutdownGracePeriod : LongestTimer;
            var started = _time.GetTimestamp();

            // As Mesos's executor library does: whatever the callbacks do, the process is gone when the grace period ends.
            if (_options.HardExitAfterGracePeriod)
            {
                _hardExitTimer = _time.CreateTimer(_ => HardExit(grace), null, grace, Timeout.InfiniteTimeSpan);
            }

            using (var callbackToken = new TimeLimit(grace * CallbackShare, _time, stopping))
            {
                await InvokeAsync("shutdown", static (e, _, ct) => e.ShutdownAsync(ct), 0, callbackToken.Token).ConfigureAwait(false);
            }

            // The tasks' last updates (TASK_KILLED) are worth waiting for while the agent can still acknowledge them.
            var left = (grace * StopShare) - _time.GetElapsedTime(started);
            if (_driver.IsSubscribed && left > TimeSpan.Zero)
            {
                await _driver.WaitForAcknowledgementsAsync(left, stopping).ConfigureAwait(false);
            }
        }
        finally
        {
            _stopApplication();
        }
    }

    private void HardExit(TimeSpan grace)
    {
        ExecutorLog.HardExit(_logger, HumanDuration.Format(grace));
        _hardExit();
    }
}
