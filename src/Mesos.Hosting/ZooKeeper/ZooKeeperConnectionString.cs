using System.Globalization;
using System.Net;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// A <c>zk://[user:password@]host1:port1,host2:port2/path</c> URL, parsed as Mesos parses it
/// (include/mesos/zookeeper/url.hpp): trimmed; the path is everything from the first <c>/</c>;
/// the credentials are what comes before the last <c>@</c> ahead of it, used as <c>digest</c> auth.
/// </summary>
internal sealed class ZooKeeperConnectionString
{
    public const string Scheme = "zk://";
    public const int DefaultPort = 2181;

    private ZooKeeperConnectionString(IReadOnlyList<DnsEndPoint> servers, ZooKeeperCredentials? credentials, string path)
    {
        Servers = servers;
        Credentials = credentials;
        Path = path;
    }

    public IReadOnlyList<DnsEndPoint> Servers { get; }

    public ZooKeeperCredentials? Credentials { get; }

    /// <summary>The node path, without a trailing <c>/</c>; <c>/</c> when the URL names none.</summary>
    public string Path { get; }

    /// <summary>Parses <paramref name="url"/>; a <see cref="FormatException"/> names what is wrong.</summary>
    public static ZooKeeperConnectionString Parse(string url)
    {
        var text = url.Trim();
        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw Invalid(Redact(text), "it must start with zk://");
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "/" : rest[slash..];

        ZooKeeperCredentials? credentials = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            credentials = ParseCredentials(authority[..at], Redact(text));
            authority = authority[(at + 1)..];
        }

        var echo = Scheme + (credentials is null ? string.Empty : credentials + "@") + authority + path;
        var servers = ParseServers(authority, echo);

        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
        }

        if (ZooKeeperPath.Problem(path) is { } problem)
        {
            throw Invalid(echo, $"the path '{path}' is not a ZooKeeper path: {problem}");
        }

        return new ZooKeeperConnectionString(servers, credentials, path);
    }

    /// <summary>
    /// Mesos refuses to detect masters at the root: the masters' nodes would sit among everything else.
    /// </summary>
    public void ValidateForMasterDetection()
    {
        if (Path == "/")
        {
            throw Invalid(ToString(), "the path must not be / (name the masters' node, e.g. zk://host:2181/mesos)");
        }
    }

    // The servers as ZooKeeper writes a connect string, host1:port1,host2:port2.
    private string ServersText => string.Join(',', Servers.Select(s => s.Host + ":" + s.Port.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The URL with the password hidden.</summary>
    public override string ToString() => Scheme + (Credentials is null ? string.Empty : Credentials + "@") + ServersText + Path;

    private static ZooKeeperCredentials ParseCredentials(string text, string echo)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Invalid(echo, "the credentials before @ must be user:password with a user name");
        }

        return new ZooKeeperCredentials(text[..colon], text[(colon + 1)..]);
    }

    private static List<DnsEndPoint> ParseServers(string authority, string echo)
    {
        if (authority.Length == 0)
        {
            throw Invalid(echo, "it names no server (expected host:port after zk://)");
        }

        var servers = new List<DnsEndPoint>();
        var entries = authority.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            servers.Add(ParseServer(entries[i], i + 1, echo));
        }

        return servers;
    }

    private static DnsEndPoint ParseServer(string entry, int number, string echo)
    {
        if (entry.Length == 0)
        {
            throw Invalid(echo, string.Create(CultureInfo.InvariantCulture, $"server {number} is empty"));
        }

        // A bracketed IPv6 literal holds colons of its own.
        var portColon = entry.StartsWith('[') ? entry.IndexOf("]:", StringComparison.Ordinal) + 1 : entry.LastIndexOf(':');
        var host = portColon > 0 ? entry[..portColon] : entry;
        var port = DefaultPort;
        if (portColon > 0)
        {
            var portText = entry[(portColon + 1)..];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw Invalid(echo, $"server '{entry}' has an invalid port '{portText}' (expected 1-65535)");
            }
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (Uri.CheckHostName(bare) == UriHostNameType.Unknown)
        {
            throw Invalid(echo, $"server '{entry}' has an invalid host name '{host}'");
        }

        return new DnsEndPoint(bare, port);
    }

    /// <summary>The URL with any password replaced by ***: an error or a log must not print one, even from a URL too broken to parse.</summary>
    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var slash = text.IndexOf('/', start);
        var at = text.LastIndexOf('@', slash < 0 ? text.Length - 1 : slash);
        if (at < start)
        {
            return text;
        }

        var colon = text.IndexOf(':', start, at - start);
        return colon < 0 ? text : text[..(colon + 1)] + "***" + text[at..];
    }

    private static FormatException Invalid(string url, string problem) => new($"The ZooKeeper URL '{url}' is invalid: {problem}.");
}
