using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Testing;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>scale</c>: a scheduler driver (the SDK's, in a Generic Host, in a process of its own: <see cref="ScaleDriver"/>)
/// on a local cluster of simulated agents in this process, one row per cluster size. Launch: from the driver's start to
/// every task RUNNING. Memory: the GC heap the driver's process holds per task it tracks (its heap with every task
/// running and nothing in flight, less the heap of an idle driver's process that has no task; a fixed cost of a
/// megabyte or two, such as buffers grown to a larger event, is spread over the tasks, which only the small rows
/// notice). Once every update of the launch is acknowledged
/// (so that no backlog of the launch is measured as part of what follows), the other phases. Offers/s: offers declined
/// with no filter and offered again, for three seconds. As in Mesos, declined resources come back at the master's next
/// allocation cycle, so the rate is bounded by the agents with room left after the launch (about one in six: the
/// launch fills agents whole) times the cycles per second; a driver that keeps up reaches that bound. Reconcile: from a
/// master failover to every task answered by the explicit reconciliation the driver runs on resubscribing. CPU/event:
/// the driver process's CPU time over the launch per event it handled.
/// </summary>
internal static class ScaleHarness
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    // Declined and leftover resources come back at the master's next allocation cycle, as in Mesos. Ten cycles a second
    // rather than Mesos's default of one, so that the offers/s row asks the driver for ten rounds a second; at 20 ms the
    // master's own cycles over 5,000 agents, in this process, double the launch.
    private static readonly TimeSpan AllocationInterval = TimeSpan.FromMilliseconds(100);
    private static readonly (int Agents, int Tasks)[] Rows = [(100, 1_000), (1_000, 10_000), (5_000, 100_000)];

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var quick = arguments.Contains("--quick");
        var args = HarnessArguments.Parse(arguments.Where(a => a != "--quick"));
        var rows = args.Text("--agents") is not null || args.Text("--tasks") is not null ? [(args.Int("--agents", 100), args.Int("--tasks", 1_000))]
            : quick ? Rows[..1]
            : Rows;
        Console.WriteLine("scale: agents   tasks  launch s  B/task  reconcile s  offers/s  CPU µs/event");
        foreach (var (agents, tasks) in rows)
        {
            var row = await RunRowAsync(agents, tasks);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scale: {agents,6} {tasks,7} {row.Launch.TotalSeconds,9:F2} {row.BytesPerTask,7:F0} {row.Reconcile.TotalSeconds,12:F2} {row.OffersPerSecond,9:F0} {row.CpuPerEvent.TotalMicroseconds,13:F1}"));
        }

        return 0;
    }

    private static async Task<ScaleRow> RunRowAsync(int agents, int tasks)
    {
        var perAgent = (int)Math.Ceiling((double)tasks / agents);
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Masters = 2,
            Agents = agents,
            AgentResources = string.Create(CultureInfo.InvariantCulture, $"cpus:{(perAgent + 2) * ScaleWorkload.TaskCpus:F1};mem:{(perAgent + 2) * ScaleWorkload.TaskMem}"),
            Simulation = new TaskSimulation { Outcome = _ => SimulatedOutcome.RunsUntilKilled },
            AllocationInterval = AllocationInterval,
        });

        double idleHeap;
        await using (var idle = ScaleDriverProcess.Start(cluster.MasterUris, tasks: 0))
        {
            idleHeap = (await idle.ReadAsync("heap"))[0];
            await idle.StopAsync();
        }

        await using var driver = ScaleDriverProcess.Start(cluster.MasterUris, tasks);
        var launched = await driver.ReadAsync("launched");
        await SettledAsync(cluster, tasks);
        await driver.SendAsync("settled");
        var heap = (await driver.ReadAsync("heap"))[0];
        var offersPerSecond = (await driver.ReadAsync("offers"))[0];

        await driver.ReadAsync("reconciling");
        var clock = Stopwatch.StartNew();
        await cluster.FailOverLeaderAsync();
        await driver.ReadAsync("reconciled");
        var reconcile = clock.Elapsed;
        await driver.StopAsync();
        return new ScaleRow(TimeSpan.FromSeconds(launched[0]), (heap - idleHeap) / tasks, reconcile, offersPerSecond, TimeSpan.FromMicroseconds(launched[1]));
    }

    // Each simulated task sends STARTING then RUNNING, and the agent sends the next only once the last was acknowledged.
    private static async Task SettledAsync(LocalMesosCluster cluster, int tasks)
    {
        var clock = Stopwatch.StartNew();
        while (cluster.Journal.Acknowledgements.Count < 2 * tasks)
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"scale: waited {Patience.TotalMinutes} min for every task's STARTING and RUNNING to be acknowledged; {cluster.Journal.Acknowledgements.Count} of {2 * tasks} were.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private sealed record ScaleRow(TimeSpan Launch, double BytesPerTask, TimeSpan Reconcile, double OffersPerSecond, TimeSpan CpuPerEvent);
}
