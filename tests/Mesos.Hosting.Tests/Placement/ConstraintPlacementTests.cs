using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>The constraints over a small cluster: six agents in three racks, two zones.</summary>
public sealed class ConstraintPlacementTests
{
    [Theory]
    [InlineData(Fitness.BinPack)]
    [InlineData(Fitness.Spread)]
    public void Group_by_rack_puts_twelve_tasks_four_per_rack(Fitness fitness)
    {
        var offers = Offers.Agents(6, racks: 3);

        var result = OfferMatcher.Match(offers, Offers.Requests(12, fitness: fitness, constraints: PlacementConstraint.GroupBy("rack")));

        Assert.Empty(result.Pending);
        var perRack = Offers.Landings(result, offers).GroupBy(l => l.Offer.Attribute("rack")).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["r1"] = 4, ["r2"] = 4, ["r3"] = 4 }, perRack);
    }

    [Fact]
    public void Unique_hostname_never_puts_two_on_one_agent_and_leaves_the_rest_pending()
    {
        var offers = Offers.Agents(6);

        var result = OfferMatcher.Match(offers, Offers.Requests(10, constraints: PlacementConstraint.Parse("hostname:UNIQUE")));

        Assert.Equal(6, result.Placed.Count);
        Assert.Equal(6, result.Placed.Select(t => t.Task.AgentId.Value).Distinct().Count());
        Assert.Equal(4, result.Pending.Count);
        Assert.All(result.Pending, p => Assert.Equal("no offer satisfies hostname:UNIQUE (6 of 6 offers fail it)", p.Reason));
    }

    [Fact]
    public void Running_tasks_count_for_unique_and_max_per()
    {
        var offers = Offers.Agents(6);
        var running = offers.Take(2).Select((o, i) => TaskPlacement.OnAgentOf(o, "app", $"old-{i}")).ToList();

        var unique = OfferMatcher.Match(offers, Offers.Requests(6, constraints: PlacementConstraint.Unique()), running);
        var maxPer = OfferMatcher.Match(offers, Offers.Requests(6, constraints: PlacementConstraint.MaxPer("rack", 2)), running);

        Assert.Equal(4, unique.Placed.Count);
        Assert.DoesNotContain(unique.Placed, t => t.Task.AgentId.Value is "agent-0" or "agent-1");
        Assert.Equal(4, maxPer.Placed.Count);
        Assert.All(Offers.Landings(maxPer, offers).GroupBy(l => l.Offer.Attribute("rack")), g => Assert.True(g.Count() + (g.Key is "r1" or "r2" ? 1 : 0) <= 2));
    }

    [Fact]
    public void Like_and_unlike_select_agents_by_attribute()
    {
        var offers = Offers.Agents(6);

        var like = OfferMatcher.Match(offers, Offers.Requests(12, fitness: Fitness.Spread, constraints: PlacementConstraint.Like("rack", "r[12]")));
        var unlike = OfferMatcher.Match(offers, Offers.Requests(12, fitness: Fitness.Spread, constraints: PlacementConstraint.Unlike("rack", "r[12]")));

        Assert.All(Offers.Landings(like, offers), l => Assert.Matches("^r[12]$", l.Offer.Attribute("rack")));
        Assert.Equal(4, Offers.Landings(like, offers).Select(l => l.Offer.AgentId.Value).Distinct().Count());
        Assert.All(Offers.Landings(unlike, offers), l => Assert.Equal("r3", l.Offer.Attribute("rack")));
    }

    [Fact]
    public void Like_matches_the_whole_value_and_only_unlike_accepts_an_agent_without_the_attribute()
    {
        var offers = new[] { Offers.Offer(0, "cpus:4;mem:1024", null, ("rack", "r10")), Offers.Offer(1, "cpus:4;mem:1024") };

        var like = OfferMatcher.Match(offers, Offers.Requests(4, constraints: PlacementConstraint.Like("rack", "r1")));
        var unlike = OfferMatcher.Match(offers, Offers.Requests(4, fitness: Fitness.Spread, constraints: PlacementConstraint.Unlike("rack", "r1")));

        Assert.Empty(like.Placed);
        Assert.Equal("no offer satisfies rack:LIKE:r1 (2 of 2 offers fail it)", like.Pending[0].Reason);
        Assert.Equal(2, unlike.Placed.Select(t => t.Task.AgentId.Value).Distinct().Count());
    }

    [Fact]
    public void Cluster_without_a_value_keeps_the_group_where_its_first_task_went()
    {
        var offers = Offers.Agents(6);

        var result = OfferMatcher.Match(offers, Offers.Requests(6, cpus: 4, fitness: Fitness.Spread, constraints: PlacementConstraint.Cluster("rack")));

        Assert.Equal(4, result.Placed.Count);
        Assert.Single(Offers.Landings(result, offers).Select(l => l.Offer.Attribute("rack")).Distinct());
        Assert.Contains("insufficient cpus", result.Pending[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_with_a_value_and_zone_constraints_pin_the_place()
    {
        var offers = Offers.Agents(6);

        var result = OfferMatcher.Match(offers, Offers.Requests(3, constraints: [PlacementConstraint.Cluster("rack", "r2"), PlacementConstraint.Is("zone", "b")]));

        Assert.All(Offers.Landings(result, offers), l => Assert.Equal(("r2", "b"), (l.Offer.Attribute("rack"), l.Offer.Attribute("zone"))));
    }

    [Fact]
    public void A_soft_constraint_is_preferred_but_does_not_block()
    {
        var offers = Offers.Agents(6);

        var result = OfferMatcher.Match(offers, Offers.Requests(10, cpus: 4, fitness: Fitness.Spread, constraints: PlacementConstraint.Parse("~zone:IS:a")));

        Assert.Equal(10, result.Placed.Count);
        var landings = Offers.Landings(result, offers).OrderBy(l => int.Parse(l.Task.Request.Id.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, landings.Take(6).Count(l => l.Offer.Attribute("zone") == "a"));
        Assert.Equal(4, landings.Count(l => l.Offer.Attribute("zone") == "b"));
    }
}
