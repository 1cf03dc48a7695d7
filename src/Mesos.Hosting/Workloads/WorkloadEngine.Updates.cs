using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>Status updates: the new state stored before the handler returns, so before the driver acknowledges it.</summary>
internal sealed partial class WorkloadEngine
{
    public Task UpdateAsync(TaskStatus status, CancellationToken cancellationToken) => GatedAsync("a status update", async () =>
    {
        if (!_attempts.TryGetValue(status.TaskId.Value, out var attempt) || !attempt.IsLive)
        {
            return;
        }

        var work = _works[attempt.WorkKey];
        var changes = new ChangeSet();
        var reason = status.HasReason ? status.Reason : (TaskStatus.Types.Reason?)null;
        var message = status.HasMessage ? status.Message : null;
        if (MesosTaskStates.IsTerminal(status.State) || status.State == TaskState.TaskUnknown)
        {
            Ended(work, attempt, status, reason, message, changes);
        }
        else
        {
            var phase = status.State switch
            {
                TaskState.TaskRunning => AttemptPhase.Running,
                TaskState.TaskUnreachable => AttemptPhase.Unreachable,
                _ => attempt.Phase == AttemptPhase.Launching ? AttemptPhase.Starting : attempt.Phase,
            };
            if (phase == attempt.Phase && status.State == attempt.State)
            {
                return;
            }

            attempt.Phase = phase;
            attempt.State = status.State;
            attempt.Reason = reason;
            attempt.Message = message;
            if (phase == AttemptPhase.Running)
            {
                attempt.RunningAt ??= _time.GetUtcNow();
            }

            changes.Put(attempt);
        }

        await PersistAsync(changes, cancellationToken).ConfigureAwait(false);
        WorkloadLog.AttemptChanged(_logger, work.Id, attempt.Number, attempt.TaskId, status.State, reason?.ToString() ?? "no reason", message ?? attempt.Message ?? string.Empty);
        if (work.Outcome is not null && attempt.Phase == AttemptPhase.Ended)
        {
            work.Completion.TrySetResult(work.Result());
            WorkloadLog.Ended(_logger, work.Id, work.Outcome.Value, work.Attempts.Count(a => a.Counted), status.State, work.FinalMessage ?? string.Empty);
        }

        if (work.Removing && work.Live.Count == 0)
        {
            await ForgetAsync(work).ConfigureAwait(false);
        }

        await ReviveAsync().ConfigureAwait(false);
    }, cancellationToken, afterLoad: true);

    // A terminal state: what it means depends on whether the attempt ever ran and why it was killed.
    private void Ended(Work work, Attempt attempt, TaskStatus status, TaskStatus.Types.Reason? reason, string? message, ChangeSet changes)
    {
        // Unknown to the master while the launch was never answered (a crash before the ACCEPT, a lost ACCEPT), or
        // dropped before it reached an agent: the task never ran, so the attempt is replaced without counting.
        var neverRan = attempt.Phase == AttemptPhase.Launching
            && (status.State is TaskState.TaskDropped or TaskState.TaskUnknown || reason == TaskStatus.Types.Reason.Reconciliation);
        if (attempt.Kill == KillIntent.Timeout)
        {
            message = $"timed out after {work.Timeout}";
        }

        var counted = !neverRan && attempt.Kill != KillIntent.Retired;
        End(attempt, status.State, reason, message, counted, changes);
        if (neverRan)
        {
            WorkloadLog.NotLaunched(_logger, work.Id, attempt.Number, attempt.TaskId, $"{status.State}: {message}");
        }

        if (!counted)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var policy = work.Retry.ToPolicy();
        if (work.IsService)
        {
            if (attempt.Slot >= work.Slots.Count)
            {
                return;
            }

            var slot = work.Slots[attempt.Slot];
            if (attempt.RunningAt is { } since && now - since >= work.HealthyAfter)
            {
                slot.Failures = 0;
            }

            slot.Failures++;
            var delay = policy.DelayAfter(slot.Failures, Random.Shared.NextDouble());
            slot.NotBefore = now + delay;
            WorkloadLog.Retrying(_logger, work.Id, attempt.Number, delay);
            return;
        }

        if (status.State == TaskState.TaskFinished && attempt.Kill == KillIntent.None)
        {
            Finish(work, WorkloadOutcome.Succeeded, status, message);
            return;
        }

        work.Failures++;
        var retryable = attempt.Kill == KillIntent.Timeout || policy.IsRetryable(reason);
        if (!retryable || work.Failures >= policy.MaximumAttempts)
        {
            Finish(work, WorkloadOutcome.Poisoned, status, message);
            return;
        }

        var wait = policy.DelayAfter(work.Failures, Random.Shared.NextDouble());
        work.NotBefore = now + wait;
        WorkloadLog.Retrying(_logger, work.Id, attempt.Number, wait);
    }

    private static void Finish(Work work, WorkloadOutcome outcome, TaskStatus status, string? message)
    {
        work.Outcome = outcome;
        work.FinalState = status.State;
        work.FinalReason = status.HasReason ? status.Reason : null;
        work.FinalMessage = message;
        work.FinalData = status.Data.IsEmpty ? null : status.Data.ToByteArray();
    }

    private void End(Attempt attempt, TaskState state, TaskStatus.Types.Reason? reason, string? message, bool counted, ChangeSet changes)
    {
        var work = _works[attempt.WorkKey];
        attempt.Phase = AttemptPhase.Ended;
        attempt.State = state;
        attempt.Reason = reason;
        attempt.Message = message;
        attempt.EndedAt = _time.GetUtcNow();
        attempt.Counted = counted;
        work.Live.Remove(attempt.Slot);
        changes.Put(attempt);
        changes.Put(work);
    }
}
