using System.Net;
using Mesos.Hosting.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Testing.Master;

/// <summary>One master's HTTP server: the scheduler API under both of its paths, state and health.</summary>
internal sealed class MasterServer(LocalMaster master, int index, BasicAuthenticator? authenticator, MasterFaults faults) : IAsyncDisposable
{
    private readonly SchedulerEndpoint _scheduler = new(master, index, authenticator, faults);
    private WebApplication? _server;

    public int Port { get; private set; }

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(master.State.Options.Hostname), port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (master.State.Options.MasterCertificate is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        }));
        var server = builder.Build();
        server.Run(HandleAsync);
        await server.StartAsync().ConfigureAwait(false);
        Port = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _server = server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/api/v1/scheduler" or "/master/api/v1/scheduler":
                await _scheduler.HandleAsync(context).ConfigureAwait(false);
                break;
            case "/master/state" or "/state" or "/master/state.json" or "/state.json":
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(MasterStateJson.Write(master.State, index), context.RequestAborted).ConfigureAwait(false);
                break;
            case "/health" or "/master/health":
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}
