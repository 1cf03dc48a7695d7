using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Testing;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>The offer matcher driving the real scheduler driver against a local cluster: what it launches the master takes, and it keeps no offer.</summary>
public sealed class PlacementOnLocalClusterTests
{
    [Fact]
    public async Task Matched_tasks_run_and_every_offer_is_accepted_or_declined_by_the_matcher()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 3 });
        var tooBig = new TaskRequest { Id = "too-big", Cpus = 100, Task = new TaskInfo { Command = new CommandInfo { Value = "true" } } };
        var work = new PlacementWork(Enumerable.Range(0, 9).Select(i => new TaskRequest
        {
            Id = $"placed-{i}",
            Group = "placed",
            Cpus = 0.5,
            Mem = 64,
            Ports = 2,
            Fitness = Fitness.Spread,
            Constraints = [PlacementConstraint.MaxPer(PlacementConstraint.Hostname, 9)],
            Task = new TaskInfo { Command = new CommandInfo { Value = "sleep 30" } },
        }).Append(tooBig));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(work);
        builder.Services.AddMesosScheduler<MatchingScheduler>(o =>
        {
            o.Master = cluster.MasterUri.ToString();
            o.Framework.Name = "placement";
            o.DeclineUnusedOffers = false;
        });
        using var host = builder.Build();

        await host.StartAsync();
        foreach (var id in work.Ids.Where(id => id != tooBig.Id))
        {
            await cluster.Journal.WaitForTaskStateAsync(id, TaskState.TaskRunning, TimeSpan.FromSeconds(60));
        }

        // The request nothing can take keeps offers coming back; the matcher must decline each of them.
        await cluster.Journal.WaitForAsync(
            j => j.SchedulerCalls.Count(c => c.Call.Type == Call.Types.Type.Decline) >= 2 && EveryOfferAnswered(j), TimeSpan.FromSeconds(30), "declines, and every offer accepted or declined");
        await host.StopAsync();

        var accepts = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Accept).ToList();
        Assert.All(accepts, a => Assert.Equal(202, a.StatusCode));
        var launched = accepts.SelectMany(a => a.Call.Accept.Operations.SelectMany(o => o.Launch.TaskInfos)).ToList();
        Assert.Equal(work.Ids.Where(id => id != tooBig.Id).Order(), launched.Select(t => t.TaskId.Value).Order());
        Assert.All(launched, t => Assert.Equal(2UL, ValueRanges.Count(ResourceSet.From(t.Resources).Ports)));
        Assert.Equal([tooBig.Id], work.Pending.Select(r => r.Id));
    }

    internal static bool EveryOfferAnswered(Testing.Observation.ClusterJournal journal)
    {
        var offered = journal.SchedulerEvents.Where(e => e.Event.Type == Event.Types.Type.Offers).SelectMany(e => e.Event.Offers.Offers_).Select(o => o.Id.Value).ToHashSet();
        var answered = journal.SchedulerCalls.Where(c => c.StatusCode == 202).SelectMany(c => c.Call.Type switch
        {
            Call.Types.Type.Accept => c.Call.Accept.OfferIds,
            Call.Types.Type.Decline => c.Call.Decline.OfferIds,
            _ => [],
        }).Select(o => o.Value).ToHashSet();
        var rescinded = journal.SchedulerEvents.Where(e => e.Event.Type == Event.Types.Type.Rescind).Select(e => e.Event.Rescind.OfferId.Value);
        return offered.Except(answered).Except(rescinded).Any() is false;
    }

    /// <summary>The requests still to place, shared between the test and the scheduler.</summary>
    internal sealed class PlacementWork(IEnumerable<TaskRequest> requests)
    {
        private readonly Lock _lock = new();
        private List<TaskRequest> _pending = [.. requests];

        public IReadOnlyList<string> Ids { get; } = requests.Select(r => r.Id).ToList();

        public List<TaskPlacement> Running { get; } = [];

        /// <summary>Every task the matcher launched, with the resources it carved out of its offer.</summary>
        public List<TaskInfo> Launched { get; } = [];

        public RefuseFilterBackoff Backoff { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        public IReadOnlyList<TaskRequest> Pending
        {
            get
            {
                lock (_lock)
                {
                    return [.. _pending];
                }
            }
        }

        public void Update(PlacementResult result)
        {
            lock (_lock)
            {
                _pending = result.Pending.Select(p => p.Request).ToList();
                Running.AddRange(result.Placed.Select(t => t.Placement));
                Launched.AddRange(result.Launches.SelectMany(l => l.TaskInfos));
            }
        }
    }

    /// <summary>What a framework's offer callback looks like with the matcher: launch, decline with a growing filter, keep the rest pending.</summary>
    internal sealed class MatchingScheduler(PlacementWork work, ISchedulerDriver driver) : MesosScheduler
    {
        public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
        {
            var result = OfferMatcher.Match(offers, work.Pending, work.Running);
            foreach (var launch in result.Launches)
            {
                await driver.LaunchTasksAsync(launch.OfferIds, launch.TaskInfos, new Filters { RefuseSeconds = 1 }, cancellationToken);
            }

            foreach (var batch in work.Backoff.Plan(result))
            {
                await driver.DeclineAsync(batch.OfferIds, batch.Filters, cancellationToken);
            }

            work.Update(result);
        }
    }
}
