using System.Buffers;
using System.Diagnostics;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// A Mesos master as broken as the test makes it: every SUBSCRIBE goes to the test's handler (with its attempt
/// number), every other call to another (202 by default); both are recorded with when they came.
/// </summary>
internal sealed class HostileMaster : IAsyncDisposable
{
    private readonly HostileServer _server;
    private int _attempts;

    private HostileMaster(HostileServer server) => _server = server;

    public Uri Uri => _server.Uri;

    /// <summary>Each SUBSCRIBE: when it came (Stopwatch ticks) and the Authorization it carried.</summary>
    public Observed<(long At, string? Authorization)> Subscribes { get; } = new();

    /// <summary>Each other call, decoded, with when it came.</summary>
    public Observed<(Call Call, long At)> Calls { get; } = new();

    public static async Task<HostileMaster> StartAsync(Func<HttpContext, int, Task> subscribe, Func<HttpContext, Call, Task>? call = null)
    {
        HostileMaster? master = null;
        var server = await HostileServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var decoded = MesosCodec.Protobuf.Decode<Call>(body.ToArray().AsMemory());
            if (decoded.Type == Call.Types.Type.Subscribe)
            {
                master!.Subscribes.Add((Stopwatch.GetTimestamp(), context.Request.Headers.Authorization.FirstOrDefault()));
                await subscribe(context, Interlocked.Increment(ref master._attempts));
            }
            else
            {
                master!.Calls.Add((decoded, Stopwatch.GetTimestamp()));
                await (call?.Invoke(context, decoded) ?? Accepted(context));
            }
        });
        master = new HostileMaster(server);
        return master;
    }

    public static Task Accepted(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        return Task.CompletedTask;
    }

    /// <summary>Answers SUBSCRIBE with 200 and a stream ID; the events follow with <see cref="SendAsync"/>.</summary>
    public static async Task OpenStreamAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MesosContentTypes.Protobuf;
        context.Response.Headers["Mesos-Stream-Id"] = Guid.NewGuid().ToString();
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes <paramref name="events"/> (a master's or an agent's) to an open stream as RecordIO records, and flushes.</summary>
    public static async Task SendAsync(HttpContext context, params IMessage[] events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var evt in events)
        {
            MesosCodec.Protobuf.WriteRecord(buffer, evt);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>A stream that starts as a real one does: SUBSCRIBED, then a HEARTBEAT.</summary>
    public static async Task SubscribedAsync(HttpContext context, double heartbeatSeconds = 15, string frameworkId = "fw-1")
    {
        await OpenStreamAsync(context);
        await SendAsync(context, Subscribed(frameworkId, heartbeatSeconds), new Event { Type = Event.Types.Type.Heartbeat });
    }

    public static Event Subscribed(string? frameworkId = "fw-1", double heartbeatSeconds = 15)
    {
        var subscribed = new Event.Types.Subscribed { HeartbeatIntervalSeconds = heartbeatSeconds, MasterInfo = new MasterInfo { Id = "hostile", Ip = 16777343, Port = 5050 } };
        if (frameworkId is not null)
        {
            subscribed.FrameworkId = new FrameworkID { Value = frameworkId };
        }

        return new Event { Type = Event.Types.Type.Subscribed, Subscribed = subscribed };
    }

    public static Event Update(string taskId, TaskState state, ByteString? uuid = null, string? agentId = "agent-1")
    {
        var status = new TaskStatus { TaskId = new TaskID { Value = taskId }, State = state, Source = TaskStatus.Types.Source.Executor };
        if (uuid is not null)
        {
            status.Uuid = uuid;
        }

        if (agentId is not null)
        {
            status.AgentId = new AgentID { Value = agentId };
        }

        return new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status } };
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
