using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Mesos.Hosting.Connection;

/// <summary>
/// A connection to a Mesos peer opened without an HTTP handler, for a master's pipelined calls and an executor's
/// connections to its agent: TCP with Nagle off, and for an https master TLS with the trust its handlers have
/// (<see cref="TrustedHandler"/>).
/// </summary>
internal static class PeerSocket
{
    /// <summary>Connects to <paramref name="endpoint"/>'s host and port, giving up after <paramref name="timeout"/> or when <paramref name="cancellationToken"/> ends it.</summary>
    public static async Task<Stream> ConnectAsync(Uri endpoint, SslClientAuthenticationOptions? tls, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var connecting = new TimeLimit(timeout, time, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // An IP literal is no DNS name (an IPv6 one is written in brackets).
            EndPoint peer = endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                ? new IPEndPoint(IPAddress.Parse(endpoint.DnsSafeHost), endpoint.Port)
                : new DnsEndPoint(endpoint.IdnHost, endpoint.Port);
            await socket.ConnectAsync(peer, connecting.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                await secure.AuthenticateAsClientAsync(tls, connecting.Token).ConfigureAwait(false);
                stream = secure;
            }

            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
