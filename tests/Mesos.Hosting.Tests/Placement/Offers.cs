using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.V1;
using MesosAttribute = Mesos.V1.Attribute;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>Offers shaped like a master's, and requests, for the matcher's tests.</summary>
internal static class Offers
{
    private static int _next;

    /// <summary>One offer per agent: <c>agent-N</c> on <c>host-N</c>, rack <c>r(N mod racks + 1)</c>, with the given resources.</summary>
    public static List<Offer> Agents(int count, int racks = 3, string resources = "cpus:8;mem:8192;disk:10000;ports:[31000-31010]", string? role = null)
        => Enumerable.Range(0, count).Select(i => Offer(i, resources, role, ("rack", $"r{(i % racks) + 1}"), ("zone", i < count / 2 ? "a" : "b"))).ToList();

    public static Offer Offer(int agent, string resources, string? role = null, params (string Name, string Value)[] attributes)
    {
        var offer = new Offer
        {
            Id = new OfferID { Value = $"offer-{Interlocked.Increment(ref _next)}" },
            FrameworkId = new FrameworkID { Value = "framework" },
            AgentId = new AgentID { Value = $"agent-{agent}" },
            Hostname = $"host-{agent}",
        };
        if (role is not null)
        {
            offer.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
        }

        foreach (var resource in ResourceSet.Parse(resources))
        {
            var copy = resource.Clone();
            copy.AllocationInfo = offer.AllocationInfo?.Clone();
            offer.Resources.Add(copy);
        }

        foreach (var (name, value) in attributes)
        {
            offer.Attributes.Add(new MesosAttribute { Name = name, Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = value } });
        }

        return offer;
    }

    public static List<TaskRequest> Requests(int count, string group = "app", double cpus = 1, double mem = 128, int ports = 0, Fitness fitness = Fitness.BinPack, params PlacementConstraint[] constraints)
        => Enumerable.Range(0, count).Select(i => new TaskRequest
        {
            Id = $"{group}-{i}",
            Group = group,
            Cpus = cpus,
            Mem = mem,
            Ports = ports,
            Fitness = fitness,
            Constraints = constraints,
            Task = new TaskInfo { Command = new CommandInfo { Value = "sleep 60" } },
        }).ToList();

    public static string Attribute(this Offer offer, string name) => offer.Attributes.Single(a => a.Name == name).Text.Value;

    /// <summary>The offer each placed task landed on.</summary>
    public static IEnumerable<(PlacedTask Task, Offer Offer)> Landings(PlacementResult result, IEnumerable<Offer> offers)
    {
        var byAgent = offers.GroupBy(o => o.AgentId.Value).ToDictionary(g => g.Key, g => g.First());
        return result.Placed.Select(t => (t, byAgent[t.Task.AgentId.Value]));
    }
}
