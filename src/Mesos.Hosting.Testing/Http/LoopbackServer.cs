using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Testing.Http;

/// <summary>
/// The Kestrel server of a master or an agent: HTTP/1.1 only, as libprocess speaks, on one address, optionally with
/// TLS; it can stop and start again (an agent restarting).
/// </summary>
internal sealed class LoopbackServer(string address, RequestDelegate handle, X509Certificate2? certificate = null) : IAsyncDisposable
{
    private WebApplication? _server;

    public int Port { get; private set; }

    /// <summary>Listens on <paramref name="port"/> (0: any free port, then <see cref="Port"/> says which).</summary>
    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(address), port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var server = builder.Build();
        server.Run(handle);
        await server.StartAsync().ConfigureAwait(false);
        Port = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _server = server;
    }

    /// <summary>Stops listening; <see cref="StartAsync"/> may follow.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
