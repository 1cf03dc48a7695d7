using System.Globalization;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.V1;
using MesosAttribute = Mesos.V1.Attribute;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// A cluster-sized placement problem: agents in racks and zones with a generation attribute, one offer
/// each, and requests in groups of 100 (apps), each with three constraints drawn from a fixed menu.
/// </summary>
internal static class PlacementWorkload
{
    private const int Racks = 50;
    private static readonly string[] Zones = ["a", "b", "c"];

    public static List<Offer> Offers(int count, int cpusPerAgent)
    {
        var offers = new List<Offer>(count);
        for (var i = 0; i < count; i++)
        {
            var offer = new Offer
            {
                Id = new OfferID { Value = $"offer-{i:D5}" },
                FrameworkId = new FrameworkID { Value = "bench" },
                AgentId = new AgentID { Value = $"agent-{i:D5}" },
                Hostname = $"host-{i:D5}.example",
            };
            offer.Attributes.Add(Text("rack", $"rack-{i % Racks:D2}"));
            offer.Attributes.Add(Text("zone", Zones[i % Racks % Zones.Length]));
            offer.Attributes.Add(new MesosAttribute { Name = "generation", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 1 + (i % 4) } });
            offer.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, cpusPerAgent));
            offer.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 4096 * cpusPerAgent));
            offer.Resources.Add(MesosResources.Scalar(MesosResources.Disk, 500000));
            offer.Resources.Add(MesosResources.Ranges(MesosResources.Ports, [(31000, 32000)]));
            offers.Add(offer);
        }

        return offers;
    }

    public static List<TaskRequest> Requests(int count)
    {
        PlacementConstraint[][] menu =
        [
            [PlacementConstraint.GroupBy("zone", 3), PlacementConstraint.MaxPer(PlacementConstraint.Hostname, 2), PlacementConstraint.Unlike("rack", "rack-4[0-9]")],
            [PlacementConstraint.Unique(), PlacementConstraint.Like("rack", "rack-[0-3][0-9]"), PlacementConstraint.In("generation", "{2,3,4}")],
            [PlacementConstraint.GroupBy("rack"), PlacementConstraint.Is("zone", "b", soft: true), PlacementConstraint.MaxPer("rack", 40)],
            [PlacementConstraint.MaxPer("zone", 400), PlacementConstraint.Unique(), PlacementConstraint.Unlike("generation", "1")],
        ];
        var template = new TaskInfo { Command = new CommandInfo { Value = "sleep 1000" } };
        var requests = new List<TaskRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var app = i / 100;
            requests.Add(new TaskRequest
            {
                Id = $"app-{app:D3}.task-{i % 100:D2}",
                Group = $"app-{app:D3}",
                Cpus = 0.5 * (1 + (app % 4)),
                Mem = 256 * (1 + (app % 8)),
                Disk = 100,
                Ports = app % 3,
                Constraints = menu[app % menu.Length],
                Fitness = app % 2 == 0 ? Fitness.BinPack : Fitness.Spread,
                Task = template,
            });
        }

        return requests;
    }

    private static MesosAttribute Text(string name, string value)
        => new() { Name = name, Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = value } };

    public static string Describe(PlacementResult result)
        => string.Create(CultureInfo.InvariantCulture, $"{result.Placed.Count} placed, {result.Pending.Count} pending, {result.Launches.Count} accepts, {result.Declines.Count} declines");
}
