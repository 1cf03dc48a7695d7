using System.Net;
using System.Runtime.ExceptionServices;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>
/// Status updates: each is kept until the agent acknowledges it. A task's updates reach the agent one at a time, in the
/// order they were sent: one whose UPDATE call failed is sent again while the subscription lasts, with growing pauses
/// while it fails, and goes with the next SUBSCRIBE in any case, its task's later updates waiting behind it.
/// </summary>
internal sealed partial class ExecutorDriver
{
    // The longest pause between two rounds of sending again what did not reach the agent.
    private static readonly TimeSpan LongestRedeliveryPause = TimeSpan.FromSeconds(30);

    public async Task SendStatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken = default)
    {
        if (await SendNewAsync(status, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            ExceptionDispatchInfo.Throw(refusal);
        }
    }

    /// <summary>An update the driver sends of its own accord: one the agent refuses is logged, not thrown.</summary>
    internal Task ReportAsync(TaskStatus status, CancellationToken cancellationToken) => SendNewAsync(status, cancellationToken);

    /// <summary>
    /// For as long as the subscription lasts: sends the updates that wait (kept while unsubscribed, behind an earlier one of
    /// their task, or whose call failed) as soon as their task has none on its way, pausing ever longer while calls fail.
    /// </summary>
    internal async Task RedeliverAsync(CancellationToken cancellationToken)
    {
        var first = _options.SubscribeRetryInterval < LongestRedeliveryPause ? _options.SubscribeRetryInterval : LongestRedeliveryPause;
        var pause = first;

        // One backoff for all tasks: calls go to one agent on one connection, so one failing says the others would.
        var failing = false;
        try
        {
            while (true)
            {
                await Ledger.Ready().WaitAsync(cancellationToken).ConfigureAwait(false);
                if (failing)
                {
                    await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
                    pause = Doubling.Next(pause, LongestRedeliveryPause);
                }

                failing = !await SendWaitingAsync(cancellationToken).ConfigureAwait(false);
                if (!failing)
                {
                    pause = first;
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended; what is still kept goes with the next SUBSCRIBE.
        }
    }

    // Sends the waiting updates whose tasks have none on its way; a task whose update fails again keeps its later ones back.
    // True when none failed.
    private async Task<bool> SendWaitingAsync(CancellationToken cancellationToken)
    {
        HashSet<TaskID>? stuck = null;
        while (Ledger.TakeNext(stuck) is { } update)
        {
            if ((await SendKeptAsync(update, cancellationToken).ConfigureAwait(false)).Kept)
            {
                (stuck ??= []).Add(update.Status.TaskId);
            }
        }

        return stuck is null;
    }

    // Keeps a new update and sends it, unless it waits: for a SUBSCRIBE to carry it, or behind an earlier update of its task.
    // Returns the agent's refusal when it refused the update sent at once.
    private async Task<MesosCallException?> SendNewAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        var update = new Call.Types.Update { Status = Stamped(status) };
        using var activity = Telemetry.UpdateSent(update.Status);
        var now = Ledger.Keep(update, IsSubscribed);
        _taskStates[update.Status.TaskId.Value] = update.Status.State;
        return now ? (await SendKeptAsync(update, cancellationToken).ConfigureAwait(false)).Refusal : null;
    }

    private TaskStatus Stamped(TaskStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.TaskId is null || string.IsNullOrEmpty(status.TaskId.Value))
        {
            throw new ArgumentException("A status update needs the ID of its task (task_id).", nameof(status));
        }

        if (status.State == TaskState.TaskStaging)
        {
            throw new ArgumentException("TASK_STAGING is the agent's state for a task not yet given to its executor; Mesos refuses it from an executor.", nameof(status));
        }

        var sent = status.Clone();
        sent.Uuid = MesosUuid.NewBytes();
        sent.Source = TaskStatus.Types.Source.Executor;
        sent.ExecutorId = MesosId.Of<ExecutorID>(Environment.ExecutorId);
        if (!sent.HasTimestamp)
        {
            sent.Timestamp = MesosTime.Timestamp(_time.GetUtcNow());
        }

        return sent;
    }

    // Sends one kept update, on its way in its task's lane. A failure leaves it kept, to go again first of its task, unless the
    // agent refused it with 400 (malformed, or for a framework or executor it does not know): it would be refused again, so
    // it is dropped and logged, and the refusal returned for a sender to hear of. Other refusals keep it: an agent that
    // restarted answers 403 to an executor that has not subscribed to it again, and the next SUBSCRIBE carries the update.
    private async Task<Delivery> SendKeptAsync(Call.Types.Update update, CancellationToken cancellationToken)
    {
        var call = NewCall(Call.Types.Type.Update);
        call.Update = update;
        try
        {
            await SendCallAsync(call, cancellationToken).ConfigureAwait(false);
            Ledger.Delivered(update);
            return default;
        }
        catch (MesosCallException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
        {
            Ledger.Refused(update);
            Telemetry.Refused(update.Status.Uuid);
            ExecutorLog.UpdateRefused(_logger, update.Status.TaskId.Value, ex.Message);
            return new Delivery(Kept: false, Refusal: ex);
        }
        catch (Exception ex) when (PeerFailure.Is(ex))
        {
            Ledger.NotDelivered(update);
            if (!cancellationToken.IsCancellationRequested)
            {
                ExecutorLog.UpdateNotSent(_logger, update.Status.TaskId.Value, ex.Message);
            }

            return new Delivery(Kept: true, Refusal: null);
        }
        catch
        {
            // Cancelled, or a failure of this process: the update is still kept, and goes again.
            Ledger.NotDelivered(update);
            throw;
        }
    }

    /// <summary>What became of one UPDATE call: kept to be sent again, or refused outright; neither when the agent took it.</summary>
    private readonly record struct Delivery(bool Kept, MesosCallException? Refusal);
}
