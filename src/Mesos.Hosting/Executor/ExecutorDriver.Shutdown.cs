using Mesos.Hosting.Diagnostics;

namespace Mesos.Hosting.Executor;

/// <summary>SHUTDOWN, real or decided here: stop the tasks, let their last updates reach the agent, stop the host.</summary>
internal sealed partial class ExecutorDriver
{
    // Of the grace period: the share the shutdown callback gets, and the point by which the host is told to stop.
    private const double CallbackShare = 0.5;
    private const double StopShare = 0.8;

    private async Task ShutDownAsync(string reason, CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _shuttingDown, 1) == 1)
        {
            return;
        }

        _state = ExecutorState.ShuttingDown;
        ExecutorLog.ShuttingDown(_logger, reason);
        var grace = Environment.ShutdownGracePeriod;
        var started = _time.GetTimestamp();

        // As Mesos's executor library does: whatever the callbacks do, the process is gone when the grace period ends.
        if (_options.HardExitAfterGracePeriod)
        {
            _hardExitTimer = _time.CreateTimer(_ => HardExit(grace), null, grace, Timeout.InfiniteTimeSpan);
        }

        using (var callbackTime = new CancellationTokenSource(grace * CallbackShare, _time))
        using (var callbackToken = CancellationTokenSource.CreateLinkedTokenSource(callbackTime.Token, stopping))
        {
            await InvokeAsync("shutdown", static (e, _, ct) => e.ShutdownAsync(ct), 0, callbackToken.Token).ConfigureAwait(false);
        }

        // The tasks' last updates (TASK_KILLED) are worth waiting for while the agent can still acknowledge them.
        var left = (grace * StopShare) - _time.GetElapsedTime(started);
        if (IsSubscribed && left > TimeSpan.Zero)
        {
            await WaitForAcknowledgementsAsync(left, stopping).ConfigureAwait(false);
        }

        _stopApplication();
    }

    private void HardExit(TimeSpan grace)
    {
        ExecutorLog.HardExit(_logger, grace);
        _hardExit();
    }
}
