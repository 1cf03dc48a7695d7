using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// A stand-in master for the ingest harness, as thin as HTTP/1.1 allows so that the figures are the
/// driver's: SUBSCRIBE gets a prepared RecordIO stream (SUBSCRIBED first, then the events) as one
/// chunk of a chunked response; every other call gets 202.
/// </summary>
internal sealed class StreamingMaster(byte[] stream) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    public Uri Uri { get; private set; } = null!;

    public Task StartAsync()
    {
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var network = client.GetStream();
            try
            {
                while (await ReadRequestAsync(network) is { } call)
                {
                    if (call.Type != Call.Types.Type.Subscribe)
                    {
                        await network.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                        continue;
                    }

                    var head = Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 200 OK\r\nContent-Type: {MesosContentTypes.Protobuf}\r\nMesos-Stream-Id: {Guid.NewGuid():D}\r\nTransfer-Encoding: chunked\r\n\r\n{stream.Length.ToString("x", CultureInfo.InvariantCulture)}\r\n");
                    await network.WriteAsync(head, _stop.Token);
                    await network.WriteAsync(stream, _stop.Token);
                    await network.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    // Reads one request: headers up to the blank line, then Content-Length bytes of body.
    private async Task<Call?> ReadRequestAsync(NetworkStream network)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (header.Count < 4 || header[^4] != '\r' || header[^3] != '\n' || header[^2] != '\r' || header[^1] != '\n')
        {
            if (await network.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            header.Add(one[0]);
        }

        var text = Encoding.ASCII.GetString(header.ToArray());
        var lengthLine = text.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)];
        await network.ReadExactlyAsync(body, _stop.Token);
        var codec = text.Contains(MesosContentTypes.Json, StringComparison.Ordinal) ? MesosCodec.Json : MesosCodec.Protobuf;
        return codec.Decode<Call>(body);
    }
}
