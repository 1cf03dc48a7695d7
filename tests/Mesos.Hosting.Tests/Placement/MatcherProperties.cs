using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>A generated match: agents with and without reservations, requests of a few groups with constraints from a menu.</summary>
public sealed record MatchInput(IReadOnlyList<Offer> Offers, IReadOnlyList<TaskRequest> Requests);

public static class MatchInputs
{
    private static readonly PlacementConstraint[][] Menu =
    [
        [], [PlacementConstraint.Unique()], [PlacementConstraint.GroupBy("rack")], [PlacementConstraint.MaxPer("rack", 2), PlacementConstraint.Like("zone", "a")],
        [PlacementConstraint.Cluster("rack")], [PlacementConstraint.Unlike("rack", "r1", soft: true)],
    ];

    public static Arbitrary<MatchInput> Inputs()
    {
        var offer = Gen.Choose(0, 7).SelectMany(agent => Gen.Choose(1, 8).SelectMany(cpus => Gen.Choose(0, 2).SelectMany(reserved => Gen.Choose(0, 6).Select(ports =>
            Offers.Offer(agent, $"cpus:{cpus};mem:{cpus * 512};cpus(web):{reserved}.5;ports:[31000-{31000 + ports}];ports(web):[32000-32001]", "web", ("rack", $"r{agent % 3}"), ("zone", agent < 4 ? "a" : "b"))))));
        var request = Gen.Choose(0, 5).SelectMany(group => Gen.Choose(1, 30).SelectMany(tenths => Gen.Choose(0, 3).SelectMany(ports => Gen.Elements(Fitness.BinPack, Fitness.Spread).SelectMany(fitness => Gen.Elements(false, false, true).Select(reservedOnly =>
            new TaskRequest
            {
                Id = string.Empty,
                Group = $"g{group}",
                Cpus = tenths / 10.0,
                Mem = tenths * 10,
                Ports = ports,
                Role = "web",
                ReservedOnly = reservedOnly,
                Fitness = fitness,
                Constraints = Menu[group % Menu.Length],
                Task = new TaskInfo { Command = new CommandInfo { Value = "true" } },
            })))));
        return Arb.From(Gen.ListOf(offer).SelectMany(offers => Gen.ListOf(request).Select(requests =>
            new MatchInput(offers.Select(PortsOfTheirOwn).ToList(), requests.Select((r, i) => r with { Id = $"task-{i}" }).ToList()))));
    }

    /// <summary>Moves the k-th offer's ports to a band of its own: one agent never offers a port twice.</summary>
    private static Offer PortsOfTheirOwn(Offer offer, int k)
    {
        foreach (var range in offer.Resources.Where(r => r.Name == MesosResources.Ports).SelectMany(r => r.Ranges.Range))
        {
            range.Begin += (ulong)k * 10;
            range.End += (ulong)k * 10;
        }

        return offer;
    }
}

/// <summary>What holds for every match, whatever the offers and requests.</summary>
[Properties(Arbitrary = [typeof(MatchInputs)], MaxTest = 150)]
public sealed class MatcherProperties
{
    [Property]
    public bool Every_offer_is_accepted_or_declined_exactly_once(MatchInput input)
    {
        var result = OfferMatcher.Match(input.Offers, input.Requests);
        var answered = result.Launches.SelectMany(l => l.OfferIds).Concat(result.DeclinedOfferIds).Select(o => o.Value).Order();
        return answered.SequenceEqual(input.Offers.Select(o => o.Id.Value).Order())
            && result.Placed.Count + result.Pending.Count == input.Requests.Count;
    }

    [Property]
    public bool What_an_accept_launches_is_within_its_offers(MatchInput input)
    {
        var result = OfferMatcher.Match(input.Offers, input.Requests);
        return result.Launches.All(launch =>
        {
            var offered = ResourceSet.From(input.Offers.Where(o => launch.OfferIds.Contains(o.Id)).SelectMany(o => o.Resources));
            var used = ResourceSet.From(launch.Tasks.SelectMany(t => t.Task.Resources));
            var ports = launch.Tasks.SelectMany(t => t.Ports).ToList();
            return offered.Contains(used) && ports.Distinct().Count() == ports.Count
                && launch.Tasks.All(t => t.Task.AgentId.Equals(launch.AgentId) && (!t.Request.ReservedOnly || ResourceSet.From(t.Task.Resources).Unreserved().IsEmpty));
        });
    }

    [Property]
    public bool Hard_constraints_hold_for_what_is_placed(MatchInput input)
    {
        var result = OfferMatcher.Match(input.Offers, input.Requests);
        var landings = Offers.Landings(result, input.Offers).ToList();
        var unique = landings.Where(l => l.Task.Request.Constraints.Contains(PlacementConstraint.Unique())).GroupBy(l => l.Task.Request.Group)
            .All(g => g.Select(l => l.Offer.AgentId.Value).Distinct().Count() == g.Count());
        var maxPer = landings.Where(l => l.Task.Request.Constraints.Contains(PlacementConstraint.MaxPer("rack", 2))).GroupBy(l => (l.Task.Request.Group, l.Offer.Attribute("rack")))
            .All(g => g.Count() <= 2 && g.All(l => l.Offer.Attribute("zone") == "a"));
        var cluster = landings.Where(l => l.Task.Request.Constraints.Contains(PlacementConstraint.Cluster("rack"))).GroupBy(l => l.Task.Request.Group)
            .All(g => g.Select(l => l.Offer.Attribute("rack")).Distinct().Count() == 1);
        return unique && maxPer && cluster;
    }

    [Property]
    public bool The_same_input_gives_the_same_placements(MatchInput input)
    {
        static string Placements(PlacementResult r) => string.Join(";", r.Placed.Select(t => t.Request.Id + "@" + t.Task.AgentId.Value + ":" + ResourceSet.From(t.Task.Resources)));
        return Placements(OfferMatcher.Match(input.Offers, input.Requests)) == Placements(OfferMatcher.Match(input.Offers, input.Requests));
    }
}
