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
        Assert.DoesNotContain(executor.Logs.Lines.Snapshot(), line => line.Contains("Shutting down", StringComparison.Ordinal));
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

        await executor.Logs.WaitForAsync($"The agent refused the update of task {ExecutorUnderTest.ThrowingTask}; it is not kept to be sent again: Mesos refused UPDATE with 400", Generous);
        await executor.Logs.WaitForAsync("Received MESSAGE from the agent", Generous);
        Assert.DoesNotContain(executor.Logs.Lines.Snapshot(), line => line.Contains("Shutting down", StringComparison.Ordinal));
        Assert.Equal(0, executor.Driver.UnacknowledgedUpdates);
    }

    [Fact]
    public async Task A_refused_update_re_sent_after_subscribe_is_logged_and_the_subscription_goes_on()
    {
        var updateQueued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await HostileAgent.StartAsync(
            async (context, _) =>
            {
                await updateQueued.Task.WaitAsync(context.RequestAborted);
                await HostileAgent.SubscribedAsync(context, After);
                await HostileServer.HoldAsync(context);
            },
            (context, call) =>
            {
                context.Response.StatusCode = call.Type == Call.Types.Type.Update ? StatusCodes.Status400BadRequest : StatusCodes.Status202Accepted;
                return Task.CompletedTask;
            });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);
        await agent.Subscribes.WaitForCountAsync(1, Generous, "the SUBSCRIBE");

        // Made while the SUBSCRIBE waits for its answer: it is not in that SUBSCRIBE, so it is sent once SUBSCRIBED comes.
        await executor.Driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "t1" }, State = TaskState.TaskRunning });
        updateQueued.SetResult();

        await executor.Logs.WaitForAsync("The agent refused the update of task t1; it is not kept to be sent again", Generous);
        await executor.Logs.WaitForAsync("Received MESSAGE from the agent", Generous);
        Assert.DoesNotContain(executor.Logs.Lines.Snapshot(), line => line.Contains("Shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_host_while_a_shutdown_waits_for_acknowledgements_is_a_stop_not_a_crash()
    {
        var shutdownNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            await HostileAgent.SubscribedAsync(context);
            await shutdownNow.Task.WaitAsync(context.RequestAborted);
            await HostileAgent.SendAsync(context, new Event { Type = Event.Types.Type.Shutdown });
            await HostileServer.HoldAsync(context);
        });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true, o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(30));
        await executor.Logs.WaitForAsync("Subscribed to the Mesos agent", Generous);

        // Never acknowledged: the shutdown waits for it, up to most of its grace.
        await executor.Driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "t1" }, State = TaskState.TaskKilled });
        shutdownNow.SetResult();
        await executor.Logs.WaitForAsync("The shutdown callback ran", Generous);
        await executor.Host.StopAsync();

        Assert.DoesNotContain(executor.Logs.Lines.Snapshot(), line => line.Contains("failed unexpectedly", StringComparison.Ordinal));
        await executor.Logs.WaitForAsync("The Mesos executor stopped", Generous);
    }

    [Fact]
    public async Task A_subscribed_without_its_payload_is_a_broken_subscription_not_a_registered_callback_that_threw()
    {
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = MesosContentTypes.Protobuf;
            await HostileAgent.SendAsync(context, new Event { Type = Event.Types.Type.Subscribed });
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
