using System.Net;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>How a <see cref="ZooKeeperClient"/> reaches its ensemble and how patient it is.</summary>
internal sealed class ZooKeeperClientOptions
{
    /// <summary>The servers of the ensemble; the client tries them in a shuffled order.</summary>
    public required IReadOnlyList<DnsEndPoint> Servers { get; init; }

    /// <summary><c>digest</c> credentials, added to every connection of the session; null for none.</summary>
    public ZooKeeperCredentials? Credentials { get; init; }

    /// <summary>A path every other path is relative to, e.g. <c>/apps/one</c>; empty for none.</summary>
    public string Chroot { get; init; } = string.Empty;

    /// <summary>Mesos's session timeout (its <c>--zk_session_timeout</c> default).</summary>
    public static readonly TimeSpan DefaultSessionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The session timeout asked for; the server clamps it to its own bounds.</summary>
    public TimeSpan SessionTimeout { get; init; } = DefaultSessionTimeout;

    /// <summary>How long an operation may wait for a connection and then for its reply.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest frame accepted from a server; a bigger one drops the connection.</summary>
    public int MaxFrameLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>The first pause after no server answered; it doubles on each round that fails.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest pause between rounds of connection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Options for the servers and credentials of <paramref name="url"/> (its path is not a chroot), asking for
    /// <paramref name="sessionTimeout"/> or the default.
    /// </summary>
    public static ZooKeeperClientOptions From(ZooKeeperConnectionString url, TimeSpan? sessionTimeout = null) => new()
    {
        Servers = url.Servers,
        Credentials = url.Credentials,
        SessionTimeout = sessionTimeout ?? DefaultSessionTimeout,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the option that is out of range.</summary>
    public void Validate()
    {
        if (Servers.Count == 0)
        {
            throw new ArgumentException("At least one ZooKeeper server is needed.", nameof(Servers));
        }

        if (Chroot.Length > 0 && ZooKeeperPath.Problem(Chroot) is { } problem)
        {
            throw new ArgumentException($"The chroot '{Chroot}' is invalid: {problem}.", nameof(Chroot));
        }

        if (Chroot == "/")
        {
            throw new ArgumentException("A chroot of / means none: leave it empty.", nameof(Chroot));
        }

        RequirePositive(SessionTimeout, nameof(SessionTimeout));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(ReconnectDelay, nameof(ReconnectDelay));
        if (MaxReconnectDelay < ReconnectDelay)
        {
            throw new ArgumentException($"{nameof(MaxReconnectDelay)} ({Diagnostics.HumanDuration.Format(MaxReconnectDelay)}) is shorter than {nameof(ReconnectDelay)} ({Diagnostics.HumanDuration.Format(ReconnectDelay)}).", nameof(MaxReconnectDelay));
        }

        if (MaxFrameLength < 1024)
        {
            throw new ArgumentException($"{nameof(MaxFrameLength)} ({MaxFrameLength}) is under 1024 bytes.", nameof(MaxFrameLength));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive, not {value}.", name);
        }
    }
}
