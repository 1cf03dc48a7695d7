using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>A master that takes the subscription well and then answers calls badly, or not at all.</summary>
public sealed class CallTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_call_the_master_never_answers_holds_up_no_acknowledgement_and_times_out()
    {
        var sendUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uuid = MesosUuid.NewBytes();
        await using var master = await HostileMaster.StartAsync(
            async (context, _) =>
            {
                await HostileMaster.SubscribedAsync(context);
                await sendUpdate.Task.WaitAsync(context.RequestAborted);
                await HostileMaster.SendAsync(context, HostileMaster.Update("t1", TaskState.TaskRunning, uuid));
                await HostileServer.HoldAsync(context);
            },
            (context, call) => call.Type == Call.Types.Type.Revive ? HostileServer.HoldAsync(context) : HostileMaster.Accepted(context));
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => o.CallTimeout = TimeSpan.FromSeconds(4));
        await scheduler.Seen.Callbacks.WaitAsync(c => c.Contains("registered"), Generous, "registered");

        var revive = scheduler.Driver.ReviveAsync();
        await master.Calls.WaitAsync(calls => calls.Any(c => c.Call.Type == Call.Types.Type.Revive), Generous, "REVIVE at the master");
        sendUpdate.SetResult();

        await master.Calls.WaitAsync(calls => calls.Any(c => c.Call.Type == Call.Types.Type.Acknowledge), TimeSpan.FromSeconds(3), "the acknowledgement, while REVIVE hangs");
        Assert.False(revive.IsCompleted, "REVIVE is still unanswered");
        var timedOut = await Assert.ThrowsAsync<MesosUnavailableException>(() => revive.WaitAsync(Generous));
        Assert.Contains("did not answer REVIVE within 4 s", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_never_ending_error_body_on_a_call_is_read_only_in_part()
    {
        await using var master = await HostileMaster.StartAsync(
            async (context, _) =>
            {
                await HostileMaster.SubscribedAsync(context);
                await HostileServer.HoldAsync(context);
            },
            (context, _) => HostileServer.EndlessBodyAsync(context, StatusCodes.Status503ServiceUnavailable));
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);
        await scheduler.Seen.Callbacks.WaitAsync(c => c.Contains("registered"), Generous, "registered");

        var refused = await Assert.ThrowsAsync<MesosUnavailableException>(() => scheduler.Driver.SuppressAsync().WaitAsync(Generous));

        Assert.StartsWith($"The Mesos master at {master.Uri} answered SUPPRESS with 503: xxxx", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("…(truncated)", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Message.Length < 5000, $"a message of {refused.Message.Length} characters");
    }

    [Fact]
    public async Task Calls_refused_as_forbidden_leave_a_subscribed_driver_degraded()
    {
        await using var master = await HostileMaster.StartAsync(
            async (context, _) =>
            {
                await HostileMaster.SubscribedAsync(context);
                await HostileServer.HoldAsync(context);
            },
            async (context, _) =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Framework is not subscribed");
            });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);
        await scheduler.Seen.Callbacks.WaitAsync(c => c.Contains("registered"), Generous, "registered");
        Assert.Equal(HealthStatus.Healthy, (await scheduler.HealthAsync()).Status);

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => scheduler.Driver.ReviveAsync());

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        var health = await scheduler.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("Subscribed, but Mesos refuses calls: Mesos refused REVIVE with 403 Forbidden: Framework is not subscribed", health.Description);
    }

    [Fact]
    public async Task A_driver_that_subscribed_only_after_many_failures_reports_degraded()
    {
        await using var master = await HostileMaster.StartAsync(async (context, attempt) =>
        {
            if (attempt <= 4)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await HostileMaster.SubscribedAsync(context);
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200));

        await scheduler.Seen.Callbacks.WaitAsync(c => c.Contains("registered"), Generous, "registered after four failures");
        var health = await scheduler.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("Subscribed, but 4 subscriptions failed in the last 5 min", health.Description);
    }

    [Fact]
    public async Task Acknowledgements_share_one_pipelined_connection_and_one_the_master_refuses_there_goes_again_the_ordinary_way()
    {
        var updates = Enumerable.Range(0, 40).Select(i => HostileMaster.Update($"t{i}", TaskState.TaskRunning, MesosUuid.NewBytes())).ToArray();
        var arrived = 0;
        var connections = new Observed<(string TaskId, string Connection, int Status)>();
        await using var master = await HostileMaster.StartAsync(
            async (context, _) =>
            {
                await HostileMaster.SubscribedAsync(context);
                await HostileMaster.SendAsync(context, updates);
                await HostileServer.HoldAsync(context);
            },
            (context, call) =>
            {
                // The tenth acknowledgement to come is refused, as a master between leaders would. Which update's it is
                // depends on the race of the lane's senders; counting arrivals makes nine come before it, whatever the race.
                var status = call.Acknowledge is not null && Interlocked.Increment(ref arrived) == 10 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status202Accepted;
                connections.Add((call.Acknowledge?.TaskId.Value ?? "", context.Connection.Id, status));
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await connections.WaitAsync(c => c.Where(a => a.Status == StatusCodes.Status202Accepted).Select(a => a.TaskId).Distinct().Count() == updates.Length, Generous, "every update acknowledged");
        var seen = connections.Snapshot();

        // The calls behind the refused one on the pipeline may have reached the master too: they go again, harmlessly.
        var refused = Assert.Single(seen, a => a.Status == StatusCodes.Status503ServiceUnavailable);
        Assert.All(seen.Where(a => a.TaskId == refused.TaskId && a.Status == StatusCodes.Status202Accepted), again => Assert.NotEqual(refused.Connection, again.Connection));

        // Until the refusal broke the pipeline, every acknowledgement that came, came on it.
        var before = seen.TakeWhile(a => a.Status != StatusCodes.Status503ServiceUnavailable).ToList();
        Assert.Equal(9, before.Count);
        Assert.All(before, a => Assert.Equal(refused.Connection, a.Connection));
    }
}
