using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>One master's HTTP server: the scheduler API under both of its paths, state and health.</summary>
internal sealed class MasterServer(LocalMaster master, int index, BasicAuthenticator? authenticator, MasterFaults faults) : IAsyncDisposable
{
    private readonly SchedulerEndpoint _scheduler = new(master, index, authenticator, faults);
    private LoopbackServer? _server;

    public int Port => _server?.Port ?? 0;

    public Task StartAsync(int port)
    {
        _server = new LoopbackServer(master.State.Options.Hostname, HandleAsync, master.State.Options.MasterCertificate);
        return _server.StartAsync(port);
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

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
