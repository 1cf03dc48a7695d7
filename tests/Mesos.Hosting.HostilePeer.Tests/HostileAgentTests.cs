using System.Diagnostics;
using System.Text;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>An executor against an agent that breaks streams, never acknowledges, or sends endless error bodies.</summary>
public sealed class HostileAgentTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Garbage_after_every_subscribed_makes_a_checkpointing_executor_give_up_at_the_recovery_timeout()
    {
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            await HostileAgent.SubscribedAsync(context);
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("garbage, not a RecordIO length\n"), context.RequestAborted);
        });
        var started = Stopwatch.GetTimestamp();
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);

        await executor.Running.WaitAsync(Generous);

        var took = Stopwatch.GetElapsedTime(started);
        Assert.InRange(took, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
        Assert.InRange(agent.Subscribes.Count, 3, 80);
        await executor.Logs.WaitForAsync("Shutting down: the agent could not be reached within the recovery timeout of 3 s", Generous);
    }

    [Fact]
    public async Task A_lost_stream_shuts_down_an_executor_whose_framework_does_not_checkpoint()
    {
        await using var agent = await HostileAgent.StartAsync(async (context, _) =>
        {
            await HostileAgent.SubscribedAsync(context);
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("garbage\n"), context.RequestAborted);
        });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: false);

        await executor.Running.WaitAsync(Generous);

        Assert.Equal(1, agent.Subscribes.Count);
        await executor.Logs.WaitForAsync("Shutting down: the connection to the agent was lost and the framework does not checkpoint", Generous);
    }

    [Fact]
    public async Task Updates_never_acknowledged_go_with_every_subscribe_and_stopping_waits_for_them_only_so_long()
    {
        var dropStream = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await HostileAgent.StartAsync(
            async (context, attempt) =>
            {
                await HostileAgent.SubscribedAsync(context, HostileAgent.Launch("t1"));
                if (attempt == 1)
                {
                    await dropStream.Task.WaitAsync(context.RequestAborted);
                    return;
                }

                await HostileServer.HoldAsync(context);
            },
            (context, call) =>
            {
                if (call.Type == Call.Types.Type.Update)
                {
                    dropStream.TrySetResult();
                }

                return HostileMaster.Accepted(context);
            });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true, o => o.AcknowledgementTimeout = TimeSpan.FromSeconds(1));
        await agent.Subscribes.WaitForCountAsync(1, Generous, "the first SUBSCRIBE");

        await executor.Driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "t1" }, State = TaskState.TaskRunning });
        await agent.Subscribes.WaitForCountAsync(2, Generous, "a SUBSCRIBE after the stream was dropped");

        // The drop may cut the UPDATE's own answer, and the driver then sends it again: the same update, never a new one.
        var updates = agent.Calls.Snapshot().Where(c => c.Type == Call.Types.Type.Update).Select(c => c.Update).ToList();
        var sent = updates[0];
        Assert.All(updates, u => Assert.Equal(sent.Status.Uuid, u.Status.Uuid));
        var resubscribe = agent.Subscribes.Snapshot()[1].Call.Subscribe;
        Assert.Equal(sent.Status.Uuid, Assert.Single(resubscribe.UnacknowledgedUpdates).Status.Uuid);
        Assert.Equal("t1", Assert.Single(resubscribe.UnacknowledgedTasks).TaskId.Value);

        var stopping = Stopwatch.GetTimestamp();
        await executor.Driver.StopAsync();
        await executor.Running.WaitAsync(Generous);
        Assert.InRange(Stopwatch.GetElapsedTime(stopping), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        await executor.Logs.WaitForAsync("1 updates were still unacknowledged 1 s into stopping", Generous);
    }

    [Fact]
    public async Task A_never_ending_error_body_on_subscribe_is_read_only_in_part_and_the_agent_asked_again()
    {
        await using var agent = await HostileAgent.StartAsync((context, _) => HostileServer.EndlessBodyAsync(context, StatusCodes.Status503ServiceUnavailable));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);

        await agent.Subscribes.WaitForCountAsync(4, Generous, "four SUBSCRIBE attempts, each over an endless 503 body");

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 16 * 1024 * 1024, $"the process grew by {grown:N0} bytes");
        await executor.Logs.WaitForAsync("answered SUBSCRIBE with 503: xxxx", Generous);
    }
}
