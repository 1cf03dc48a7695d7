namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// Sending one request: wait for the session's connection, number the request, send it, wait for its
/// reply. Both waits together are bounded by the request timeout.
/// </summary>
internal sealed partial class ZooKeeperClient
{
    private static readonly ZooKeeperErrorCode[] OnlyOk = [];

    private Task<ZooKeeperReply> SendAsync(
        ZooKeeperOpCode opCode, string? path, ZooKeeperWatchKind watch, Action<JuteWriter, string>? body, CancellationToken cancellationToken) =>
        SendAsync(opCode, path, watch, body, OnlyOk, cancellationToken);

    /// <summary>Sends a request; a reply with an error not in <paramref name="accepted"/> throws <see cref="ZooKeeperException"/>.</summary>
    private async Task<ZooKeeperReply> SendAsync(
        ZooKeeperOpCode opCode,
        string? path,
        ZooKeeperWatchKind watch,
        Action<JuteWriter, string>? body,
        ZooKeeperErrorCode[] accepted,
        CancellationToken cancellationToken)
    {
        var operation = ZooKeeperRequest.NameOf(opCode);
        var serverPath = path is null ? null : ZooKeeperPath.ToServer(Chroot, path);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ZooKeeperRequest? request = null;
        try
        {
            var connection = await ConnectionAsync(operation, path, linked.Token).ConfigureAwait(false);
            var xid = Interlocked.Increment(ref _nextXid) & int.MaxValue;
            var frame = JuteWriter.Frame(w =>
            {
                w.WriteInt32(xid);
                w.WriteInt32((int)opCode);
                body?.Invoke(w, serverPath!);
            });
            request = new ZooKeeperRequest(xid, opCode, path, serverPath, watch, frame);
            connection.Send(request);
            var reply = await request.Reply.WaitAsync(linked.Token).ConfigureAwait(false);
            if (reply.Error != ZooKeeperErrorCode.Ok && !accepted.Contains(reply.Error))
            {
                throw new ZooKeeperException(reply.Error, operation, path);
            }

            return reply;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            request?.Abandon();
            throw new ZooKeeperException(ZooKeeperErrorCode.RequestTimeout, operation, path, $"no reply within {_options.RequestTimeout}");
        }
        catch (OperationCanceledException)
        {
            request?.Abandon();
            throw;
        }
    }

    private async Task<ZooKeeperConnection> ConnectionAsync(string operation, string? path, CancellationToken cancellationToken)
    {
        if (_stopped is { } stopped)
        {
            throw new ZooKeeperException(stopped.Code, operation, path, stopped.Detail, stopped);
        }

        try
        {
            return await _session.Connection.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException ex)
        {
            // The session's failure, told as this operation's.
            throw new ZooKeeperException(ex.Code, operation, path, ex.Detail, ex);
        }
    }

    /// <summary>Reads a reply's body; a body that is not the record expected is the server's fault, told as MARSHALLINGERROR.</summary>
    private static T Parse<T>(ZooKeeperReply reply, ZooKeeperOpCode opCode, string path, Func<JuteReader, T> read)
    {
        var operation = ZooKeeperRequest.NameOf(opCode);
        try
        {
            var reader = new JuteReader(reply.Body, operation + " reply");
            var value = read(reader);
            reader.ExpectEnd();
            return value;
        }
        catch (InvalidDataException ex)
        {
            throw new ZooKeeperException(ZooKeeperErrorCode.MarshallingError, operation, path, ex.Message, ex);
        }
    }
}
