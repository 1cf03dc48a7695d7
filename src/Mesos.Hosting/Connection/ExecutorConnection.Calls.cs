using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Connection;

/// <summary>The executor's calls: UPDATE, MESSAGE and HEARTBEAT, one at a time on one kept connection.</summary>
internal sealed partial class ExecutorConnection
{
    /// <summary>
    /// Sends UPDATE, MESSAGE or HEARTBEAT on the call connection, after the calls before it: each waits its turn for at
    /// most the call timeout, as it would wait for its own answer.
    /// </summary>
    public async Task SendAsync(Call call, CancellationToken cancellationToken)
    {
        var callType = MesosNames.Of(call.Type);
        var request = Request(_callHead, call);
        await TakeTurnAsync(callType, cancellationToken).ConfigureAwait(false);
        Exception? refusal;
        try
        {
            var (connection, answer) = await SendOnCallConnectionAsync(request, callType, cancellationToken).ConfigureAwait(false);

            // The body is read either way: what a refusal says, or whatever an accepted call carries (Mesos sends nothing),
            // after which the connection can take the next call.
            refusal = answer.Status is 200 or 202 ? null : await RefusalAsync(callType, connection, answer, cancellationToken).ConfigureAwait(false);
            if (refusal is null && !connection.Body.Ended)
            {
                await MesosHttp.ReadTextAsync(connection.Body, _settings.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
            }

            if (!connection.Reusable)
            {
                DropCallConnection();
            }
        }
        catch (Exception ex) when (_disposed && ex is not ObjectDisposedException)
        {
            throw Disposed(callType, ex);
        }
        catch
        {
            DropCallConnection();
            throw;
        }
        finally
        {
            _callTurn.Release();
        }

        if (refusal is not null)
        {
            throw refusal;
        }
    }

    private async Task TakeTurnAsync(string callType, CancellationToken cancellationToken)
    {
        using var limit = new TimeLimit(_settings.CallTimeout, _time, cancellationToken);
        try
        {
            await _callTurn.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MesosUnavailableException($"{Endpoint} could not take {callType} within {HumanDuration.Format(_settings.CallTimeout)}: the calls before it were still waiting for the agent.", ex);
        }
    }

    // A kept connection the agent has closed since its last answer fails before any byte of an answer comes: the call
    // goes once more on a new connection. That delivers it twice only where the agent read it and closed without a word
    // of answer, and the agent ignores an UPDATE it already has (by its UUID).
    private async Task<(HttpSocketConnection Connection, HttpAnswerHead Answer)> SendOnCallConnectionAsync(ReadOnlyMemory<byte> request, string callType, CancellationToken cancellationToken)
    {
        HttpSocketConnection? kept;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            kept = _calls;
        }

        if (kept is not null)
        {
            try
            {
                return (kept, await ExchangeAsync(kept, request, callType, cancellationToken).ConfigureAwait(false));
            }
            catch (MesosUnavailableException ex) when (ex.InnerException is IOException && !kept.AnswerStarted && !cancellationToken.IsCancellationRequested && !_disposed)
            {
                DropCallConnection();
            }
        }

        var connection = await OpenAsync(callType, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
            {
                connection.Dispose();
                throw Disposed(callType, cause: null);
            }

            _calls = connection;
        }

        return (connection, await ExchangeAsync(connection, request, callType, cancellationToken).ConfigureAwait(false));
    }

    private void DropCallConnection()
    {
        HttpSocketConnection? dropped;
        lock (_gate)
        {
            dropped = _calls;
            _calls = null;
        }

        dropped?.Dispose();
    }
}
