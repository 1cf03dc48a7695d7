using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>scale</c>: a scheduler driver (the SDK's, in a Generic Host) on a local cluster of simulated agents, one row per
/// cluster size. Launch: from the driver's start to every task RUNNING. Memory: the GC heap the driver holds per
/// task it tracks (the heap with the driver and its tasks, less the heap once the driver is gone and collected, less
/// the same for an idle driver). Once every update of the launch is acknowledged (so that no backlog of the launch is
/// measured as part of what follows), the other phases. Reconcile: from a master failover to every task answered by the explicit
/// reconciliation the driver runs on resubscribing. Offers/s: offers declined with no filter and offered again, for
/// three seconds. CPU/event: the process's CPU time over the launch per event the driver handled; the cluster runs
/// in this process too, so it is the cost of both sides.
/// </summary>
internal static class ScaleHarness
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
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
        });
        var workload = new ScaleWorkload(tasks);
        var (launch, cpuPerEvent, offersPerSecond, reconcile, heapWithDriver) = await DriveAsync(cluster, workload);
        var driverBytes = heapWithDriver - Heap();
        var idleDriverBytes = await IdleDriverHeapAsync(cluster) - Heap();
        return new ScaleRow(launch, (double)(driverBytes - idleDriverBytes) / tasks, reconcile, offersPerSecond, cpuPerEvent);
    }

    // Every phase on one driver, which is gone once this returns, so that the heap it held can be told.
    private static async Task<(TimeSpan Launch, TimeSpan CpuPerEvent, double OffersPerSecond, TimeSpan Reconcile, long HeapWithDriver)> DriveAsync(LocalMesosCluster cluster, ScaleWorkload workload)
    {
        var host = Build(cluster, workload);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        await Within(workload.AllRunning.Task, "every task to run", workload);
        var launch = clock.Elapsed;
        process.Refresh();
        var cpuPerEvent = (process.TotalProcessorTime - cpuBefore) / workload.Events;

        // The phases after the launch each measure one thing: they start once the master holds no update unacknowledged,
        // not while the driver still works through the launch's updates (and the agents' retries of those it was slow to
        // acknowledge), which would be counted against the offers or the reconciliation.
        await Within(SettledAsync(cluster, workload), "every task's STARTING and RUNNING to be acknowledged", workload);
        var offersPerSecond = await CycleOffersAsync(workload, host.Services.GetRequiredService<ISchedulerDriver>());

        workload.StartReconciliation();
        clock.Restart();
        await cluster.FailOverLeaderAsync();
        await Within(workload.AllReconciled.Task, "every task answered by reconciliation after the failover", workload);
        var reconcile = clock.Elapsed;
        return (launch, cpuPerEvent, offersPerSecond, reconcile, await HeapThenStopAsync(host));
    }

    private static async Task<double> CycleOffersAsync(ScaleWorkload workload, ISchedulerDriver driver)
    {
        workload.Cycling = true;
        await driver.ReviveAsync();
        var before = workload.Offers;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rate = (workload.Offers - before) / clock.Elapsed.TotalSeconds;
        await driver.SuppressAsync();
        workload.Cycling = false;
        return rate;
    }

    // Each simulated task sends STARTING then RUNNING, and the agent sends the next only once the last was acknowledged.
    private static async Task SettledAsync(LocalMesosCluster cluster, ScaleWorkload workload)
    {
        while (cluster.Journal.Acknowledgements.Count < 2 * workload.Tasks)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    // The heap with a subscribed driver that has no task at all, to take off what a driver holds whatever its tasks. It
    // is taken once the driver has declined the offers every agent's spare room brings it on subscribing: measured while
    // they are still decoded and in hand, at 5,000 agents, they weigh as much as the tasks' tracking does.
    private static async Task<long> IdleDriverHeapAsync(LocalMesosCluster cluster)
    {
        var idle = new ScaleWorkload(0);
        var host = Build(cluster, idle);
        await host.StartAsync();
        await Within(idle.FirstOffersHandled.Task, "the idle driver's first offers to be declined", idle);
        return await HeapThenStopAsync(host);
    }

    private static async Task<long> HeapThenStopAsync(IHost host)
    {
        var heap = Heap();
        await host.StopAsync();
        host.Dispose();
        return heap;
    }

    private static IHost Build(LocalMesosCluster cluster, ScaleWorkload workload)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(workload);
        builder.Services.AddMesosScheduler<ScaleScheduler>(options =>
        {
            options.Masters = [.. cluster.MasterUris.Select(u => u.ToString())];
            options.Framework.Name = "scale";
            options.Framework.FailoverTimeout = TimeSpan.FromMinutes(10);
            options.ReconnectInitialDelay = TimeSpan.FromMilliseconds(50);
            options.DeclineUnusedOffers = false;
            options.ImplicitReconciliationInterval = TimeSpan.Zero;
            options.EventBufferCapacity = 65_536;
        });
        return builder.Build();
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task Within(Task task, string what, ScaleWorkload workload)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"scale: waited {Patience.TotalMinutes} min for {what}; {workload.Running} of {workload.Tasks} tasks running, {workload.Offers} offers and {workload.Events} events seen.");
        }
    }

    private sealed record ScaleRow(TimeSpan Launch, double BytesPerTask, TimeSpan Reconcile, double OffersPerSecond, TimeSpan CpuPerEvent);
}
