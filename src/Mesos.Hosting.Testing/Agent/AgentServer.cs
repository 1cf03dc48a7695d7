using Mesos.Hosting.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>One agent's HTTP server: the executor API under both of its paths. It stops and starts again as the agent does.</summary>
internal sealed class AgentServer : IAsyncDisposable
{
    private readonly ExecutorEndpoint _executors;
    private readonly LoopbackServer _server;

    public AgentServer(ExecutorEndpoint executors, string hostname)
    {
        _executors = executors;
        _server = new LoopbackServer(hostname, HandleAsync);
    }

    public int Port => _server.Port;

    public Task StartAsync(int port) => _server.StartAsync(port);

    /// <summary>Stops listening; <see cref="StartAsync"/> may follow.</summary>
    public Task StopAsync() => _server.StopAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Value is "/api/v1/executor" or "/slave(1)/api/v1/executor")
        {
            await _executors.HandleAsync(context).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
