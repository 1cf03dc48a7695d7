namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Work and task IDs as ZooKeeper node names, and back: percent-encoded UTF-8 (RFC 3986, as
/// <see cref="Uri.EscapeDataString(string)"/>), so that '/', control and non-ASCII characters never reach a
/// path, with a leading '.' encoded too so that no ID becomes "." or "..".
/// </summary>
internal static class ZooKeeperWorkloadNames
{
    public static string Encode(string id)
    {
        var escaped = Uri.EscapeDataString(id);
        return escaped.StartsWith('.') ? "%2E" + escaped[1..] : escaped;
    }

    /// <summary>The ID named by <paramref name="name"/>; null when no ID encodes to it (the node is not ours).</summary>
    public static string? Decode(string name)
    {
        var id = Uri.UnescapeDataString(name);
        return id.Length > 0 && Encode(id) == name ? id : null;
    }
}
