using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>The decline filter grows while an agent's offers stay unusable and starts over once it is used.</summary>
public sealed class RefuseFilterBackoffTests
{
    [Fact]
    public void The_filter_doubles_per_decline_up_to_the_maximum_and_resets_when_used()
    {
        var backoff = new RefuseFilterBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        var offers = Offers.Agents(2);
        var nothing = OfferMatcher.Match(offers, []);

        var seconds = Enumerable.Range(0, 5).Select(_ => Assert.Single(backoff.Plan(nothing)).Filters.RefuseSeconds).ToList();
        Assert.Equal([5.0, 10, 20, 30, 30], seconds);

        var used = OfferMatcher.Match(offers, Offers.Requests(1));
        var batches = backoff.Plan(used);

        Assert.Equal("agent-0", Assert.Single(used.Launches).AgentId.Value);
        var batch = Assert.Single(batches);
        Assert.Equal(30, batch.Filters.RefuseSeconds);
        Assert.Equal(used.DeclinedOfferIds, batch.OfferIds);
        Assert.Equal(5, backoff.RefuseSecondsFor("agent-0"));
        Assert.Equal(5, Assert.Single(backoff.Plan(OfferMatcher.Match([offers[0]], []))).Filters.RefuseSeconds);
    }

    [Fact]
    public void Declines_are_grouped_by_filter_shortest_first_and_reset_forgets()
    {
        var backoff = new RefuseFilterBackoff();
        var offers = Offers.Agents(2);
        backoff.Plan(OfferMatcher.Match([offers[0]], []));
        backoff.Plan(OfferMatcher.Match([offers[0]], []));

        var batches = backoff.Plan(OfferMatcher.Match(offers, []));

        Assert.Equal([5.0, 20], batches.Select(b => b.Filters.RefuseSeconds));
        Assert.Equal("offer", batches[0].OfferIds[0].Value[..5]);
        backoff.Reset();
        Assert.Equal(5, backoff.RefuseSecondsFor("agent-0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefuseFilterBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));
    }
}
