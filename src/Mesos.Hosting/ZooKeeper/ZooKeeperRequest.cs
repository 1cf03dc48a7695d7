namespace Mesos.Hosting.ZooKeeper;

/// <summary>One numbered request: its frame, and the caller waiting for its reply.</summary>
internal sealed class ZooKeeperRequest(int xid, ZooKeeperOpCode opCode, string? path, string? serverPath, ZooKeeperWatchKind watch, byte[] frame)
{
    private readonly TaskCompletionSource<ZooKeeperReply> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Xid { get; } = xid;

    public byte[] Frame { get; } = frame;

    public Task<ZooKeeperReply> Reply => _reply.Task;

    /// <summary>The caller stopped waiting (cancelled, timed out) or the request already ended.</summary>
    public bool IsAbandoned => _reply.Task.IsCompleted;

    /// <summary>The operation as ZooKeeper names it: <c>create</c>, <c>getData</c>, <c>getChildren2</c> ...</summary>
    public string Operation => NameOf(opCode);

    public static string NameOf(ZooKeeperOpCode opCode)
    {
        var name = opCode.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Completes the request; on the event loop, so that a watch is registered before the caller sees the reply.</summary>
    public void Complete(long zxid, ZooKeeperErrorCode error, ReadOnlyMemory<byte> body, ZooKeeperWatchRegistry watches)
    {
        if (IsAbandoned)
        {
            return;
        }

        Task<ZooKeeperWatchEvent>? changed = null;
        if (watch != ZooKeeperWatchKind.None && serverPath is not null
            && (error == ZooKeeperErrorCode.Ok || (watch == ZooKeeperWatchKind.Exists && error == ZooKeeperErrorCode.NoNode)))
        {
            changed = watches.Add(watch, serverPath, nodeExists: error == ZooKeeperErrorCode.Ok);
        }

        _reply.TrySetResult(new ZooKeeperReply(zxid, error, body, changed));
    }

    public void Fail(Exception reason) => _reply.TrySetException(reason);

    public void Abandon() => _reply.TrySetCanceled();

    /// <summary>The failure of a request whose connection ended before its reply came.</summary>
    public ZooKeeperException ConnectionLost(Exception reason) =>
        new(ZooKeeperErrorCode.ConnectionLoss, Operation, path, reason.Message, reason);
}
