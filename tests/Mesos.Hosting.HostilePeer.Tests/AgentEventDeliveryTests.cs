using System.Buffers;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// An executor against an agent whose events or answers the driver cannot act on: what it cannot act on is reported, and
/// the events after it are still delivered; the executor neither goes deaf nor shuts down.
/// </summary>
public sealed class AgentEventDeliveryTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static readonly Event After = new() { Type = Event.Types.Type.Message, Message = new Event.Types.Message { Data = ByteString.CopyFromUtf8("after") } };

    [Fact]
    public async Task A_task_group_without_tasks_is_reported_and_the_events_after_it_are_delivered()
    {
        var emptyGroup = new Event { Type = Event.Types.Type.LaunchGroup, LaunchGroup = new Event.Types.LaunchGroup { TaskGroup = new TaskGroupInfo() } };
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            await HostileAgent.SubscribedAsync(context, emptyGroup, After);
            await HostileServer.HoldAsync(context);
        });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);

        await executor.Logs.WaitForAsync("Ignored a LAUNCH_GROUP event from the agent: LAUNCH_GROUP of a task group without tasks", Generous);
        await executor.Logs.WaitForAsync("Received MESSAGE from the agent", Generous);
        Assert.False(executor.Running.IsCompleted, "the executor stopped");
    }

    [Fact]
    public async Task A_refused_task_failed_after_a_launch_callback_threw_is_logged_and_the_events_after_it_are_delivered()
    {
        await using var agent = await HostileAgent.StartAsync(
            async (context, _) =>
            {
                await HostileAgent.SubscribedAsync(context, HostileAgent.Launch(ExecutorUnderTest.ThrowingTask), After);
                await HostileServer.HoldAsync(context);
            },
            (context, call) =>
            {
                if (call.Type != Call.Types.Type.Update)
                {
                    return HostileMaster.Accepted(context);
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return context.Response.WriteAsync("Failed to validate executor::Call: refused");
            });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);

        await executor.Logs.WaitForAsync($"The agent refused the update of task {ExecutorUnderTest.ThrowingTask} as malformed; it is not kept to be sent again", Generous);
        await executor.Logs.WaitForAsync("Received MESSAGE from the agent", Generous);
        Assert.False(executor.Running.IsCompleted, "the executor stopped");
        Assert.Equal(0, executor.Driver.UnacknowledgedUpdates);
    }

    [Fact]
    public async Task A_subscribed_without_its_payload_is_a_broken_subscription_not_a_registered_callback_that_threw()
    {
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = MesosContentTypes.Protobuf;
            var record = new ArrayBufferWriter<byte>();
            MesosCodec.Protobuf.WriteRecord(record, new Event { Type = Event.Types.Type.Subscribed });
            await context.Response.Body.WriteAsync(record.WrittenMemory, context.RequestAborted);
            await HostileServer.HoldAsync(context);
        });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);

        await executor.Logs.WaitForAsync("The agent's SUBSCRIBED event has no subscribed payload", Generous);
        await agent.Subscribes.WaitForCountAsync(2, Generous, "a second SUBSCRIBE after the broken one");
        Assert.DoesNotContain(executor.Logs.Lines.Snapshot(), line => line.Contains("callback threw", StringComparison.Ordinal));
    }

    // Mesos counts a grace in nanoseconds, to centuries; a .NET timer counts to about 49.7 days and throws past that.
    [Fact]
    public async Task Shutdown_with_a_grace_longer_than_a_timer_can_count_runs_the_callback_and_stops_the_host()
    {
        var shutdown = new Event { Type = Event.Types.Type.Shutdown };
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            await HostileAgent.SubscribedAsync(context, shutdown);
            await HostileServer.HoldAsync(context);
        });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true, o => o.ShutdownGracePeriod = TimeSpan.FromDays(120));

        await executor.Running.WaitAsync(Generous);

        await executor.Logs.WaitForAsync("Shutting down: the agent sent SHUTDOWN", Generous);
        await executor.Logs.WaitForAsync("The shutdown callback ran", Generous);
    }
}
