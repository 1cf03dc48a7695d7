using System.Net;
using Google.Protobuf;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor;

/// <summary>Status updates (kept until acknowledged), framework messages, and stopping.</summary>
internal sealed partial class ExecutorDriver
{
    public async Task SendStatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken = default)
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

        var update = new Call.Types.Update { Status = sent };
        _ledger.UpdateSent(update);

        // While not subscribed the update waits in the ledger; the next SUBSCRIBE carries it.
        if (IsSubscribed)
        {
            await SendUpdateAsync(update, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SendFrameworkMessageAsync(ByteString data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsSubscribed)
        {
            throw new MesosNotSubscribedException("MESSAGE");
        }

        var call = NewCall(Call.Types.Type.Message);
        call.Message = new Call.Types.Message { Data = data };
        await _connection.SendAsync(call, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await WaitForAcknowledgementsAsync(_options.AcknowledgementTimeout, cancellationToken).ConfigureAwait(false);
        _stopApplication();
    }

    private async Task SendUpdateAsync(Call.Types.Update update, CancellationToken cancellationToken)
    {
        var call = NewCall(Call.Types.Type.Update);
        call.Update = update;
        try
        {
            await _connection.SendAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (MesosCallException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
        {
            // Refused as malformed: it would be refused again, so it is not kept.
            _ledger.Refused(update);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or MesosCallException or MesosUnavailableException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ExecutorLog.UpdateNotSent(_logger, ex.Message);
        }
    }

    private async Task WaitForAcknowledgementsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _ledger.AllAcknowledged().WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ExecutorLog.UnacknowledgedAtStop(_logger, _ledger.UpdateCount);
        }
    }
}
