namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// What a client sends the moment its socket opens, in the order ClientCnxn.primeConnection sends it:
/// the ConnectRequest, then the auth packets, then the watches to re-register. The server reads the
/// rest only once the session is settled, so all of it can go at once.
/// </summary>
internal static class ZooKeeperHandshake
{
    // ClientCnxn's bound on one SetWatches request: the sum of the paths' lengths.
    private const int MaxSetWatchesLength = 128 * 1024;

    public static byte[] Frames(ZooKeeperSession session, ZooKeeperCredentials? credentials)
    {
        var frames = new List<byte[]> { ConnectRequest(session) };
        if (credentials is not null)
        {
            frames.Add(JuteWriter.Frame(w =>
            {
                w.WriteInt32(ZooKeeperXids.Auth);
                w.WriteInt32((int)ZooKeeperOpCode.Auth);
                w.WriteInt32(0);
                w.WriteString(ZooKeeperCredentials.Scheme);
                w.WriteBuffer(credentials.AuthData);
            }));
        }

        if (session.IsEstablished)
        {
            frames.AddRange(SetWatches(session));
        }

        return [.. frames.SelectMany(frame => frame)];
    }

    private static byte[] ConnectRequest(ZooKeeperSession session) => JuteWriter.Frame(w =>
    {
        w.WriteInt32(0);
        w.WriteInt64(session.LastZxid);
        w.WriteInt32((int)session.Timeout.TotalMilliseconds);
        w.WriteInt64(session.Id);
        w.WriteBuffer(session.Password);
        w.WriteBoolean(false);
    });

    private static IEnumerable<byte[]> SetWatches(ZooKeeperSession session)
    {
        var (data, exist, child) = session.Watches.Paths();
        var all = data.Select(path => (Kind: 0, Path: path))
            .Concat(exist.Select(path => (Kind: 1, Path: path)))
            .Concat(child.Select(path => (Kind: 2, Path: path)))
            .ToList();

        var start = 0;
        while (start < all.Count)
        {
            var length = 0;
            var end = start;
            while (end < all.Count && length < MaxSetWatchesLength)
            {
                length += all[end++].Path.Length;
            }

            var batch = all[start..end];
            start = end;
            yield return JuteWriter.Frame(w =>
            {
                w.WriteInt32(ZooKeeperXids.SetWatches);
                w.WriteInt32((int)ZooKeeperOpCode.SetWatches);
                w.WriteInt64(session.LastZxid);
                for (var kind = 0; kind < 3; kind++)
                {
                    w.WriteStrings(batch.Where(watch => watch.Kind == kind).Select(watch => watch.Path).ToList());
                }
            });
        }
    }
}
