using Mesos.Hosting.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>One agent's HTTP server: the executor and operator APIs and its state under both of their paths, and its metrics. It stops and starts again as the agent does.</summary>
internal sealed class AgentServer : IAsyncDisposable
{
    private readonly ExecutorEndpoint _executors;
    private readonly AgentOperatorEndpoint _operator;
    private readonly LoopbackServer _server;

    private readonly LocalAgent _agent;

    public AgentServer(LocalAgent agent, ExecutorEndpoint executors, AgentOperatorEndpoint operatorApi, string hostname)
    {
        _agent = agent;
        _executors = executors;
        _operator = operatorApi;
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
        else if (context.Request.Path.Value is "/api/v1" or "/slave(1)/api/v1")
        {
            await _operator.HandleAsync(context).ConfigureAwait(false);
        }
        else if (context.Request.Path.Value is "/state" or "/slave(1)/state" or "/state.json" or "/slave(1)/state.json")
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(AgentStateJson.Write(_agent), context.RequestAborted).ConfigureAwait(false);
        }
        else if (context.Request.Path.Value is "/metrics/snapshot")
        {
            await MetricsJson.WriteAsync(context, () => AgentMetrics.Snapshot(_agent), _agent.Master.Sync).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
