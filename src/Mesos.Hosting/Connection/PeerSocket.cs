using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Mesos.Hosting.Connection;

/// <summary>
/// A connection to a Mesos peer opened without an HTTP handler, for a master's pipelined calls and an executor's
/// connections to its agent: TCP with Nagle off, and for an https master TLS with the trust its handlers have
/// (<see cref="TrustedHandler"/>). The two are apart because an executor's agent is reached over plain TCP: an executor
/// compiled ahead of time then carries no TLS, whose certificate handling brings an HTTP client along (for revocation
/// checks), about a fifth of the image's types, which every start pays for in page faults.
/// </summary>
internal static class PeerSocket
{
    /// <summary>Connects over TCP to <paramref name="endpoint"/>'s host and port, giving up after <paramref name="timeout"/> or when <paramref name="cancellationToken"/> ends it.</summary>
    public static async Task<Stream> ConnectAsync(Uri endpoint, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var connecting = new TimeLimit(timeout, time, cancellationToken);
        return await OpenAsync(endpoint, connecting.Token).ConfigureAwait(false);
    }

    /// <summary>As the TCP connect, then TLS over it unless <paramref name="tls"/> is null; <paramref name="timeout"/> bounds both.</summary>
    public static async Task<Stream> ConnectAsync(Uri endpoint, SslClientAuthenticationOptions? tls, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var connecting = new TimeLimit(timeout, time, cancellationToken);
        var stream = await OpenAsync(endpoint, connecting.Token).ConfigureAwait(false);
        if (tls is null)
        {
            return stream;
        }

        var secure = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await secure.AuthenticateAsClientAsync(tls, connecting.Token).ConfigureAwait(false);
            return secure;
        }
        catch
        {
            await secure.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<Stream> OpenAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // An IP literal is no DNS name (an IPv6 one is written in brackets).
            EndPoint peer = endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                ? new IPEndPoint(IPAddress.Parse(endpoint.DnsSafeHost), endpoint.Port)
                : new DnsEndPoint(endpoint.IdnHost, endpoint.Port);
            await socket.ConnectAsync(peer, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
