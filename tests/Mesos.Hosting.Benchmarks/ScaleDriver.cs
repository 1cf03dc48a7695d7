using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>scale-driver</c>: the <c>scale</c> benchmark's framework in a process of its own, as a real scheduler runs, so
/// that its heap and CPU time are the driver's alone and not the local cluster's. It reports each phase as a line on
/// standard output (<c>name value…</c>) and goes on to the next when the harness writes that phase's name on standard
/// input; it stops when told to or when its input ends, which is how it never outlives a harness that died.
/// </summary>
internal static class ScaleDriver
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var masters = (args.Text("--masters") ?? throw new ArgumentException("scale-driver needs --masters URL,URL")).Split(',');
        var workload = new ScaleWorkload(args.Int("--tasks", 0));
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var host = Build(masters, workload);
        await host.StartAsync();
        if (workload.Tasks == 0)
        {
            // The heap a driver holds whatever its tasks, once it has declined the offers every agent brings it on
            // subscribing: measured while those are still decoded and in hand, at 5,000 agents they weigh as much as 100,000 tasks' tracking.
            await Within(workload.FirstOffersHandled.Task, "its first offers to be declined", workload);
            Report("heap", Heap());
        }
        else
        {
            await Within(workload.AllRunning.Task, "every task to run", workload);
            process.Refresh();
            Report("launched", clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / workload.Events);

            // The later phases each measure one thing, so they start once the harness has seen the master hold no update of the launch unacknowledged.
            await Expect("settled");

            // Taken before the offers cycle, while nothing is in flight: an OFFERS event from 5,000 agents still being
            // handled weighs some 14 MB once decoded, as much as the tracking of 100,000 tasks.
            Report("heap", Heap());
            Report("offers", await CycleOffersAsync(workload, host.Services.GetRequiredService<ISchedulerDriver>()));

            workload.StartReconciliation();
            Report("reconciling");
            await Within(workload.AllReconciled.Task, "every task answered by reconciliation after the failover", workload);
            Report("reconciled");
        }

        // "stop", or the end of the harness's input: either way, the run is over.
        await Console.In.ReadLineAsync();
        await host.StopAsync();
        return 0;
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

    private static IHost Build(string[] masters, ScaleWorkload workload)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(workload);
        builder.Services.AddMesosScheduler<ScaleScheduler>(options =>
        {
            options.Masters = [.. masters];
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

    private static void Report(string name, params double[] values)
        => Console.WriteLine(string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Prepend(name)));

    // A line other than the one expected is the harness's mistake, not something to skip over.
    private static async Task Expect(string phase)
    {
        var line = await Console.In.ReadLineAsync();
        if (line != phase)
        {
            throw new InvalidOperationException(line is null
                ? $"scale-driver: the harness's input ended before it said '{phase}'."
                : $"scale-driver: expected '{phase}' from the harness, got '{line}'.");
        }
    }

    private static async Task Within(Task task, string what, ScaleWorkload workload)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"scale-driver: waited {Patience.TotalMinutes} min for {what}; {workload.Running} of {workload.Tasks} tasks running, {workload.Offers} offers and {workload.Events} events seen.");
        }
    }
}
