using Mesos.Hosting.Placement;
using Mesos.V1;
using MesosAttribute = Mesos.V1.Attribute;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>IS and IN over every attribute type, and the fault-domain fields.</summary>
public sealed class AttributeConstraintTests
{
    [Theory]
    [InlineData("generation:IS:2", "agent-1")]
    [InlineData("generation:IS:2.000", "agent-1")]
    [InlineData("generation:IN:{1,3}", "agent-0,agent-2")]
    [InlineData("generation:IN:[2-3]", "agent-1,agent-2")]
    [InlineData("disks:IS:{sdb,sda}", "agent-0")]
    [InlineData("disks:IN:{sda,sdb,sdc}", "agent-0,agent-1")]
    [InlineData("ports:IS:[1-10]", "agent-2")]
    [InlineData("ports:IN:[0-100]", "agent-2")]
    [InlineData("os:IS:linux", "agent-0,agent-1")]
    [InlineData("os:IN:{windows,darwin}", "agent-2")]
    [InlineData("os:IN:[1-5]", "")]
    [InlineData("@zone:IS:z1", "agent-0,agent-1")]
    [InlineData("@region:LIKE:eu-.*", "agent-0,agent-1,agent-2")]
    [InlineData("hostname:UNLIKE:host-[01]", "agent-2")]
    [InlineData("generation:LIKE:[12]", "agent-0,agent-1")]
    public void Constraints_compare_by_the_attributes_type(string constraint, string expectedAgents)
    {
        var offers = new[]
        {
            Agent(0, "z1", Scalar("generation", 1), Set("disks", "sda", "sdb"), Text("os", "linux")),
            Agent(1, "z1", Scalar("generation", 2), Set("disks", "sdc"), Text("os", "linux")),
            Agent(2, "z2", Scalar("generation", 3), Ranges("ports", 1, 10), Text("os", "darwin")),
        };

        var result = OfferMatcher.Match(offers, Offers.Requests(3, fitness: Fitness.Spread, constraints: PlacementConstraint.Parse(constraint)));

        Assert.Equal(expectedAgents, string.Join(",", result.Placed.Select(t => t.Task.AgentId.Value).Distinct().Order()));
    }

    private static Offer Agent(int index, string zone, params MesosAttribute[] attributes)
    {
        var offer = Offers.Offer(index, "cpus:4;mem:4096");
        offer.Attributes.Add(attributes);
        offer.Domain = new DomainInfo
        {
            FaultDomain = new DomainInfo.Types.FaultDomain
            {
                Region = new DomainInfo.Types.FaultDomain.Types.RegionInfo { Name = "eu-west" },
                Zone = new DomainInfo.Types.FaultDomain.Types.ZoneInfo { Name = zone },
            },
        };
        return offer;
    }

    private static MesosAttribute Scalar(string name, double value) => new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };

    private static MesosAttribute Text(string name, string value) => new() { Name = name, Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = value } };

    private static MesosAttribute Set(string name, params string[] items) => new() { Name = name, Type = Value.Types.Type.Set, Set = new Value.Types.Set { Item = { items } } };

    private static MesosAttribute Ranges(string name, ulong begin, ulong end)
        => new() { Name = name, Type = Value.Types.Type.Ranges, Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = begin, End = end } } } };
}
