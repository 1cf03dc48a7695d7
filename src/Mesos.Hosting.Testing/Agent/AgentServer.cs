using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>One agent's HTTP server: the executor API under both of its paths. It stops and starts again as the agent does.</summary>
internal sealed class AgentServer(ExecutorEndpoint executors, string hostname) : IAsyncDisposable
{
    private WebApplication? _server;

    public int Port { get; private set; }

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(hostname), port, listen => listen.Protocols = HttpProtocols.Http1));
        var server = builder.Build();
        server.Run(HandleAsync);
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

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Value is "/api/v1/executor" or "/slave(1)/api/v1/executor")
        {
            await executors.HandleAsync(context).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
