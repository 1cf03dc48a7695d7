using System.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>A Mesos agent as broken as the test makes it, for an executor: SUBSCRIBE to one handler, other calls to another (202 by default).</summary>
internal sealed class HostileAgent : IAsyncDisposable
{
    private readonly HostileServer _server;
    private int _attempts;

    private HostileAgent(HostileServer server) => _server = server;

    /// <summary>The agent as MESOS_AGENT_ENDPOINT gives it: ip:port.</summary>
    public string Endpoint => $"127.0.0.1:{_server.Uri.Port}";

    /// <summary>Each SUBSCRIBE, decoded, with when it came (Stopwatch ticks).</summary>
    public Observed<(Call Call, long At)> Subscribes { get; } = new();

    public Observed<Call> Calls { get; } = new();

    public static async Task<HostileAgent> StartAsync(Func<HttpContext, int, Task> subscribe, Func<HttpContext, Call, Task>? call = null)
    {
        HostileAgent? agent = null;
        var server = await HostileServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var decoded = MesosCodec.Protobuf.Decode<Call>(body.ToArray().AsMemory());
            if (decoded.Type == Call.Types.Type.Subscribe)
            {
                agent!.Subscribes.Add((decoded, Stopwatch.GetTimestamp()));
                await subscribe(context, Interlocked.Increment(ref agent._attempts));
            }
            else
            {
                agent!.Calls.Add(decoded);
                await (call?.Invoke(context, decoded) ?? HostileMaster.Accepted(context));
            }
        });
        agent = new HostileAgent(server);
        return agent;
    }

    /// <summary>Answers SUBSCRIBE with 200 and SUBSCRIBED, as an agent does.</summary>
    public static async Task SubscribedAsync(HttpContext context, params Event[] then)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MesosContentTypes.Protobuf;
        var subscribed = new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed
            {
                ExecutorInfo = new ExecutorInfo { ExecutorId = new ExecutorID { Value = "ex" }, Command = new CommandInfo { Value = "unused" } },
                FrameworkInfo = new FrameworkInfo { User = "u", Name = "fw", Id = new FrameworkID { Value = "fw" } },
                AgentInfo = new AgentInfo { Hostname = "agent", Id = new AgentID { Value = "agent-1" } },
            },
        };
        await SendAsync(context, [subscribed, .. then]);
    }

    /// <summary>Writes <paramref name="events"/> to the executor's open stream.</summary>
    public static Task SendAsync(HttpContext context, params Event[] events) => HostileMaster.SendAsync(context, events);

    public static Event Launch(string taskId) => new()
    {
        Type = Event.Types.Type.Launch,
        Launch = new Event.Types.Launch { Task = new TaskInfo { Name = taskId, TaskId = new TaskID { Value = taskId }, AgentId = new AgentID { Value = "agent-1" } } },
    };

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
