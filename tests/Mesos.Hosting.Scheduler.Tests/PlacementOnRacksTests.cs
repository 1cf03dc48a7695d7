using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Testing;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Mesos.Hosting.Scheduler.Tests.PlacementOnLocalClusterTests;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>
/// Placement against offers shaped as a real cluster's: six agents of their own hostnames in three racks and two
/// zones, one with cpus reserved to a role. The matcher drives the real driver; the local master launches.
/// </summary>
public sealed class PlacementOnRacksTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static readonly LocalAgentProfile[] Racks = Enumerable.Range(0, 6).Select(i => new LocalAgentProfile
    {
        Hostname = $"node-{i}",
        Attributes = $"rack:r{i / 2};zone:{(i % 2 == 0 ? "a" : "b")}",
        Resources = i == 5 ? "cpus:4;mem:4096;cpus(web):2;mem(web):1024;ports:[31000-31099]" : "cpus:4;mem:4096;ports:[31000-31099]",
    }).ToArray();

    [Fact]
    public async Task Group_by_rack_puts_twelve_tasks_four_in_each_rack()
    {
        var hosts = await PlaceAsync(Requests(12, PlacementConstraint.GroupBy("rack")));

        Assert.Equal([4, 4, 4], hosts.Values.GroupBy(RackOf).Select(g => g.Count()));
    }

    [Fact]
    public async Task Unique_hostname_places_one_task_per_agent_and_leaves_the_rest_pending()
    {
        var work = new PlacementWork(Requests(8, PlacementConstraint.Unique()));
        var hosts = await PlaceAsync(work, placeable: 6);

        Assert.Equal(6, hosts.Values.Distinct().Count());
        Assert.Equal(2, work.Pending.Count);
    }

    [Fact]
    public async Task Like_and_unlike_choose_agents_by_their_attributes()
    {
        var inRackOne = await PlaceAsync(Requests(3, PlacementConstraint.Like("rack", "r1")));
        var outOfZoneA = await PlaceAsync(Requests(3, PlacementConstraint.Unlike("zone", "a")));

        Assert.All(inRackOne.Values, host => Assert.Equal("r1", RackOf(host)));
        Assert.All(outOfZoneA.Values, host => Assert.Contains(host, new[] { "node-1", "node-3", "node-5" }));
    }

    [Fact]
    public async Task A_task_for_a_reserved_role_gets_the_reserved_resources()
    {
        var request = new TaskRequest { Id = "reserved", Cpus = 1, Mem = 64, Role = "web", ReservedOnly = true, Task = new TaskInfo { Command = new CommandInfo { Value = "sleep 30" } } };
        var work = new PlacementWork([request]);
        var hosts = await PlaceAsync(work, configure: o =>
        {
            o.Framework.Capabilities = ["MULTI_ROLE"];
            o.Framework.Roles = ["web"];
        });

        Assert.Equal("node-5", hosts["reserved"]);
        var cpus = work.Launched.Single().Resources.Single(r => r.Name == "cpus");
        Assert.True(cpus.IsReserved(), $"the task's cpus are {cpus}");
        Assert.Equal("web", cpus.ReservationRole());
    }

    [Fact]
    public async Task Bin_pack_fills_one_agent_and_spread_balances_over_all()
    {
        var packed = await PlaceAsync(Requests(6, fitness: Fitness.BinPack));
        var spread = await PlaceAsync(Requests(6, fitness: Fitness.Spread));

        Assert.Single(packed.Values.Distinct());
        Assert.Equal(6, spread.Values.Distinct().Count());
    }

    private static List<TaskRequest> Requests(int count, PlacementConstraint? constraint = null, Fitness fitness = Fitness.BinPack)
        => Enumerable.Range(0, count).Select(i => new TaskRequest
        {
            Id = $"task-{i}",
            Group = "group",
            Cpus = 0.5,
            Mem = 64,
            Fitness = fitness,
            Constraints = constraint is null ? [] : [constraint],
            Task = new TaskInfo { Command = new CommandInfo { Value = "sleep 30" } },
        }).ToList();

    private static string RackOf(string host) => "r" + (int.Parse(host["node-".Length..], System.Globalization.CultureInfo.InvariantCulture) / 2);

    private static Task<Dictionary<string, string>> PlaceAsync(List<TaskRequest> requests) => PlaceAsync(new PlacementWork(requests), requests.Count);

    // Runs the matching scheduler until the placeable tasks run and every offer is answered; task ID → agent hostname.
    private static async Task<Dictionary<string, string>> PlaceAsync(PlacementWork work, int? placeable = null, Action<MesosSchedulerOptions>? configure = null)
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = Racks.Length, AgentProfiles = Racks, Roles = ["web", "*"] });
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(work);
        builder.Services.AddMesosScheduler<MatchingScheduler>(o =>
        {
            o.Master = cluster.MasterUri.ToString();
            o.Framework.Name = "racks";
            o.DeclineUnusedOffers = false;
            configure?.Invoke(o);
        });
        using var host = builder.Build();
        await host.StartAsync();
        await cluster.Journal.WaitForAsync(j => j.TaskIds.Count(id => j.TaskStates(id).Contains(TaskState.TaskRunning)) >= (placeable ?? work.Ids.Count), Generous, "the placeable tasks to run");
        await cluster.Journal.WaitForAsync(EveryOfferAnswered, Generous, "every offer accepted or declined");
        await host.StopAsync();

        var hostnames = cluster.AgentIds.Select((id, i) => (id, Racks[i].Hostname!)).ToDictionary(a => a.id, a => a.Item2);
        return work.Launched.ToDictionary(t => t.TaskId.Value, t => hostnames[t.AgentId.Value]);
    }
}
