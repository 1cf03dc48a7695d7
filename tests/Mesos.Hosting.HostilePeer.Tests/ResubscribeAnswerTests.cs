using System.Diagnostics;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>A master answering a framework's resubscription with what no Mesos master does.</summary>
public sealed class ResubscribeAnswerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_subscribed_naming_another_framework_than_the_one_resumed_is_a_protocol_error_and_the_framework_is_kept()
    {
        // The first stream ends at once, so that the driver resubscribes as fw-1; every later one hands over another framework.
        await using var master = await HostileMaster.StartAsync(async (context, attempt) =>
        {
            await HostileMaster.SubscribedAsync(context, frameworkId: attempt == 1 ? "fw-1" : "fw-other");
            if (attempt > 1)
            {
                await HostileServer.HoldAsync(context);
            }
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(3, Generous, "three SUBSCRIBE attempts");
        await scheduler.Logs.WaitForAsync("The master's SUBSCRIBED named framework 'fw-other', but the driver subscribed to resume 'fw-1'.", Generous);
        Assert.Equal("fw-1", scheduler.Driver.FrameworkId?.Value);
        Assert.DoesNotContain("reregistered", scheduler.Seen.Callbacks.Snapshot());
        Assert.Equal(HealthStatus.Degraded, (await scheduler.HealthAsync()).Status);
    }

    [Fact]
    public async Task A_master_that_removes_every_framework_it_registers_is_asked_ever_more_slowly()
    {
        await using var master = await RemovingEveryFrameworkAsync();
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(7, Generous, "seven SUBSCRIBE attempts");

        // Each removal began a new retry cycle, so these seven came within a few hundred milliseconds.
        var attempts = master.Subscribes.Snapshot();
        var span = Stopwatch.GetElapsedTime(attempts[0].At, attempts[6].At);
        Assert.True(span >= TimeSpan.FromSeconds(0.8), $"seven subscriptions within {span}");
        await scheduler.Logs.WaitForAsync("Mesos removed framework fw-1; the next attempt subscribes as a new framework", Generous);
    }

    [Fact]
    public async Task A_framework_registered_afresh_after_a_removal_is_announced_as_registered_with_its_new_id()
    {
        await using var master = await RemovingEveryFrameworkAsync();
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await scheduler.Seen.Callbacks.WaitAsync(c => c.Count(n => n == "registered") >= 2, Generous, "a second registration, after fw-1 was removed");
        Assert.DoesNotContain("reregistered", scheduler.Seen.Callbacks.Snapshot());
        await scheduler.Logs.WaitForAsync("Mesos removed framework fw-1 (torn down, or its failover timeout passed)", Generous);
    }

    // Registers each new framework (fw-N for attempt N) and ends its stream at once; refuses each resubscription as removed.
    private static Task<HostileMaster> RemovingEveryFrameworkAsync() => HostileMaster.StartAsync(async (context, attempt) =>
    {
        if (attempt % 2 == 1)
        {
            await HostileMaster.SubscribedAsync(context, frameworkId: $"fw-{attempt}");
            return;
        }

        await HostileMaster.OpenStreamAsync(context);
        await HostileMaster.SendAsync(context, new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework has been removed" } });
    });
}
