namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>Timers count for the whole process, so these run alone.</summary>
[CollectionDefinition(nameof(SessionLeakTests), DisableParallelization = true)]
public sealed class SessionLeakTestsRunAlone;

/// <summary>What a subscription starts (reconciliation, its timers) ends with it.</summary>
[Collection(nameof(SessionLeakTests))]
public sealed class SessionLeakTests
{
    [Fact]
    public async Task Short_lived_subscriptions_leave_no_timers_behind()
    {
        await using var master = await HostileMaster.StartAsync((context, _) => HostileMaster.SubscribedAsync(context));
        var timersBefore = Timer.ActiveCount;

        // Every subscription counts as stable, so that nothing slows the stream of short ones.
        await using (var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => o.StableSubscriptionTime = TimeSpan.Zero))
        {
            await master.Subscribes.WaitForCountAsync(100, TimeSpan.FromSeconds(60), "a hundred subscriptions, each ended by the master");
            var grown = Timer.ActiveCount - timersBefore;
            Assert.True(grown < 20, $"{grown} more timers after 100 subscriptions");
        }
    }
}
