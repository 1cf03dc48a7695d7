using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Http;
using Mesos.Hosting.Testing.WebView;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>One master's HTTP server: the scheduler and operator APIs under both of their paths, state and health.</summary>
internal sealed class MasterServer : IAsyncDisposable
{
    private readonly LocalMaster _master;
    private readonly int _index;
    private readonly SchedulerEndpoint _scheduler;
    private readonly OperatorEndpoint _operator;
    private readonly TeardownEndpoint _teardown;
    private readonly MasterWebView _webView;
    private LoopbackServer? _server;

    public MasterServer(LocalMaster master, int index, BasicAuthenticator? authenticator, MasterFaults faults)
    {
        _master = master;
        _index = index;
        var gate = new MasterRequestGate(master.State, index, authenticator);
        _scheduler = new SchedulerEndpoint(master, gate, faults);
        var calls = new OperatorCalls(master, index);
        _operator = new OperatorEndpoint(gate, calls, master.Operators);
        _teardown = new TeardownEndpoint(gate, calls);
        _webView = new MasterWebView(gate);
    }

    public int Port => _server?.Port ?? 0;

    public Task StartAsync(int port)
    {
        _server = new LoopbackServer(_master.State.Options.Hostname, HandleAsync, _master.State.Options.MasterCertificate);
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
            case "/api/v1" or "/master/api/v1":
                await _operator.HandleAsync(context).ConfigureAwait(false);
                break;
            case "/master/state" or "/state" or "/master/state.json" or "/state.json":
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(MasterStateJson.Write(_master.State, _index), context.RequestAborted).ConfigureAwait(false);
                break;
            case "/master/teardown" or "/teardown":
                await _teardown.HandleAsync(context).ConfigureAwait(false);
                break;
            case "/metrics/snapshot":
                await MetricsJson.WriteAsync(context, () => MasterMetrics.Snapshot(_master.State, _index), _master.State.Sync).ConfigureAwait(false);
                break;
            case var path when MasterWebView.Serves(path):
                await _webView.HandleAsync(context).ConfigureAwait(false);
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
