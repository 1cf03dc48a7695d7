using System.Globalization;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>The reading side: every frame is checked, then handed to the event loop in the order it came.</summary>
internal sealed partial class ZooKeeperConnection
{
    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var frame = await _frames.ReadAsync(_stop.Token).ConfigureAwait(false);
                _session.Heard();
                Dispatch(frame);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Close(ex);
        }
    }

    private void Dispatch(byte[] frame)
    {
        var reader = new JuteReader(frame, "reply");
        var xid = reader.ReadInt32();
        var zxid = reader.ReadInt64();
        var error = (ZooKeeperErrorCode)reader.ReadInt32();
        switch (xid)
        {
            case ZooKeeperXids.Ping:
                return;
            case ZooKeeperXids.Notification:
                Notify(new JuteReader(reader.Rest, "WatcherEvent"));
                return;
            case ZooKeeperXids.Auth:
                if (error != ZooKeeperErrorCode.Ok)
                {
                    _client.OnAuthFailed(this, error);
                }

                return;
            case ZooKeeperXids.SetWatches:
                if (error != ZooKeeperErrorCode.Ok)
                {
                    ZooKeeperLog.SetWatchesFailed(_client.Logger, error);
                }

                return;
        }

        ZooKeeperRequest request;
        lock (_sync)
        {
            if (!_pending.TryDequeue(out request!))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"ZooKeeper replied to xid {xid}, but no request is waiting"));
            }
        }

        // Replies come in the order of the requests; any other order means the stream is not what we think.
        if (request.Xid != xid)
        {
            var mismatch = new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"ZooKeeper replied to xid {xid} where xid {request.Xid} was next"));
            request.Fail(request.ConnectionLost(mismatch));
            throw mismatch;
        }

        if (zxid > 0)
        {
            _session.SawZxid(zxid);
        }

        var body = reader.Rest;
        var watches = _session.Watches;
        _client.Events.Post(() => request.Complete(zxid, error, body, watches));
    }

    private void Notify(JuteReader reader)
    {
        var type = reader.ReadInt32();
        reader.ReadInt32();
        var serverPath = reader.ReadString();
        if (!Enum.IsDefined((ZooKeeperWatchEventType)type) || serverPath is null
            || ZooKeeperPath.ToClient(_client.Chroot, serverPath) is not { } clientPath)
        {
            ZooKeeperLog.UnexpectedNotification(_client.Logger, type, serverPath);
            return;
        }

        var watches = _session.Watches;
        _client.Events.Post(() => watches.Fire((ZooKeeperWatchEventType)type, serverPath, clientPath));
    }
}
