using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>A master that accepts SUBSCRIBE and then sends what the driver cannot use.</summary>
public sealed class SubscribedStreamTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e12)]
    [InlineData(0.001)]
    public async Task A_heartbeat_interval_no_watchdog_can_use_is_a_protocol_error_and_subscribing_goes_on(double seconds)
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context, heartbeatSeconds: seconds);
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(3, Generous, "three SUBSCRIBE attempts");
        await scheduler.Logs.WaitForAsync("a usable interval lies between 0.05 and 3600 seconds", Generous);
        Assert.DoesNotContain("registered", scheduler.Seen.Callbacks.Snapshot());
        Assert.Equal(HealthStatus.Degraded, (await scheduler.HealthAsync()).Status);
    }

    [Fact]
    public async Task Subscribed_without_a_framework_id_is_a_protocol_error_and_subscribing_goes_on()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.OpenStreamAsync(context);
            await HostileMaster.SendAsync(context, HostileMaster.Subscribed(frameworkId: null));
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(3, Generous, "three SUBSCRIBE attempts");
        await scheduler.Logs.WaitForAsync("The master's SUBSCRIBED carried no framework_id.", Generous);
        Assert.DoesNotContain("registered", scheduler.Seen.Callbacks.Snapshot());
    }

    [Fact]
    public async Task Events_lacking_what_the_driver_needs_are_reported_and_skipped_and_later_events_still_arrive()
    {
        var good = MesosUuid.NewBytes();
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await HostileMaster.SendAsync(
                context,
                HostileMaster.Update("no-agent", TaskState.TaskRunning, MesosUuid.NewBytes(), agentId: null),
                HostileMaster.Update("short-uuid", TaskState.TaskRunning, ByteString.CopyFrom(1, 2, 3, 4, 5)),
                new Event
                {
                    Type = Event.Types.Type.UpdateOperationStatus,
                    UpdateOperationStatus = new Event.Types.UpdateOperationStatus
                    {
                        Status = new OperationStatus { State = OperationState.OperationFinished, Uuid = new UUID { Value = MesosUuid.NewBytes() }, AgentId = new AgentID { Value = "agent-1" } },
                    },
                },
                new Event { Type = Event.Types.Type.Failure, Failure = new Event.Types.Failure() },
                HostileMaster.Update("good", TaskState.TaskRunning, good));
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Calls.WaitAsync(calls => calls.Any(c => c.Call.Type == Call.Types.Type.Acknowledge), Generous, "the good update acknowledged");
        var acknowledged = master.Calls.Snapshot().Where(c => c.Call.Type == Call.Types.Type.Acknowledge).Select(c => c.Call.Acknowledge).ToList();
        Assert.Equal(good, Assert.Single(acknowledged).Uuid);
        Assert.Equal(["good"], scheduler.Seen.Updates.Snapshot().Select(u => u.TaskId.Value));
        var lines = scheduler.Logs.Lines.Snapshot();
        Assert.Contains("Error Mesos.Hosting.Scheduler: Ignored a UPDATE event from the master: UPDATE of task no-agent with a uuid but no agent_id, so it cannot be acknowledged", lines);
        Assert.Contains("Error Mesos.Hosting.Scheduler: Ignored a UPDATE event from the master: UPDATE of task short-uuid with a uuid of 5 bytes that is not an RFC-4122 UUID", lines);
        Assert.Contains("Error Mesos.Hosting.Scheduler: Ignored a UPDATE_OPERATION_STATUS event from the master: UPDATE_OPERATION_STATUS with a uuid but no operation_id, so it cannot be acknowledged", lines);
        Assert.Contains("Error Mesos.Hosting.Scheduler: Ignored a FAILURE event from the master: FAILURE without an agent_id", lines);
        Assert.Equal(1, master.Subscribes.Count);
    }

    [Fact]
    public async Task A_master_that_breaks_every_stream_right_after_subscribed_is_asked_again_ever_more_slowly()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("garbage, not a RecordIO length\n"), context.RequestAborted);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => (o.ReconnectInitialDelay, o.ReconnectMaxDelay) = (TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)));

        await master.Subscribes.WaitForCountAsync(7, Generous, "seven SUBSCRIBE attempts");

        // Without backoff across the whole cycle these seven come within milliseconds (60,000 a minute were seen).
        var attempts = master.Subscribes.Snapshot();
        var span = Stopwatch.GetElapsedTime(attempts[0].At, attempts[6].At);
        Assert.True(span >= TimeSpan.FromSeconds(0.8), $"seven subscriptions within {span}");
        await scheduler.Logs.WaitForAsync("after SUBSCRIBED: the master broke the protocol", Generous);
        Assert.Equal(HealthStatus.Degraded, (await scheduler.HealthAsync()).Status);
    }

    [Fact]
    public async Task Offers_with_resources_that_cannot_be_are_declined_and_never_reach_the_scheduler()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await HostileMaster.SendAsync(context, new Event
            {
                Type = Event.Types.Type.Offers,
                Offers = new Event.Types.Offers { Offers_ = { Offer("negative", "cpus", -8), Offer("nan", "mem", double.NaN), Offer("fine", "cpus", 2) } },
            });
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Calls.WaitAsync(calls => calls.Count(c => c.Call.Type == Call.Types.Type.Decline) >= 2, Generous, "the broken offers and the unused one declined");
        Assert.Equal(["fine"], scheduler.Seen.Offers.Snapshot().Select(o => o.Id.Value));
        var declined = master.Calls.Snapshot().Where(c => c.Call.Type == Call.Types.Type.Decline).SelectMany(c => c.Call.Decline.OfferIds.Select(id => id.Value)).Order().ToList();
        Assert.Equal(["fine", "nan", "negative"], declined);
        await scheduler.Logs.WaitForAsync("Declined an offer with resources that cannot be: offer negative has cpus = -8", Generous);
    }

    private static Offer Offer(string id, string resource, double value) => new()
    {
        Id = new OfferID { Value = id },
        FrameworkId = new FrameworkID { Value = "fw-1" },
        AgentId = new AgentID { Value = "agent-1" },
        Hostname = "agent-1",
        Resources = { new Resource { Name = resource, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } } },
    };
}
