using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Mesos.Hosting.Connection;

/// <summary>
/// HTTP/1.1 POSTs of encoded calls written straight into a buffer: a head made once for every request of a connection
/// (request line, Host, the constant headers), then each request's Content-Length and body.
/// </summary>
internal static class HttpRequestWriter
{
    /// <summary>The head of a POST to <paramref name="endpoint"/> with <paramref name="headers"/>, up to Content-Length's value.</summary>
    public static byte[] Head(Uri endpoint, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var host = endpoint.GetComponents(UriComponents.Host | UriComponents.Port, UriFormat.UriEscaped);
        var head = new StringBuilder($"POST {endpoint.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\n");
        foreach (var (name, value) in headers)
        {
            // A line break in a value would end the header there and start another, of the value's choosing.
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"The {name} header's value has a line break in it.", nameof(headers));
            }

            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("Content-Length: ").ToString());
    }

    /// <summary>One request: <paramref name="head"/>, the body's length, and the body.</summary>
    public static void Write(IBufferWriter<byte> output, byte[] head, ReadOnlySpan<byte> body)
    {
        output.Write(head);
        Span<byte> length = stackalloc byte[16];
        Utf8Formatter.TryFormat(body.Length, length, out var digits);
        output.Write(length[..digits]);
        output.Write("\r\n\r\n"u8);
        output.Write(body);
    }
}
