using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>acks</c>: the acknowledgement path by itself. The real driver, in a real host, with implicit acknowledgements,
/// against a master that streams UPDATEs and sends each task's next one only once its last was acknowledged (no agents,
/// no processes); the scheduler meanwhile makes one KILL per 100 updates, which must reach the master in order.
/// </summary>
internal static class AcknowledgementHarness
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var tasks = args.Int("--tasks", 1000);
        var updates = args.Int("--updates", 200_000);

        // A first, shorter run warms the JIT, as the ingest harness's first round does.
        await RunOnceAsync(tasks, Math.Max(tasks, updates / 10));

        // CPU time does not depend on what else the machine runs, as the rate does: master and driver together.
        // Nor do the bytes allocated and the work items the thread pool ran, each a cost of its own.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var workItems = ThreadPool.CompletedWorkItemCount;
        var (master, kills) = await RunOnceAsync(tasks, updates);
        var cpuPerAck = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / updates;
        var bytesPerAck = (GC.GetTotalAllocatedBytes() - allocated) / updates;
        var workItemsPerAck = (double)(ThreadPool.CompletedWorkItemCount - workItems) / updates;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acks: {master.Rate:F0} acks/s, P99 update→ack {master.LatencyPercentile(0.99).TotalMilliseconds:F1} ms (P50 {master.LatencyPercentile(0.5).TotalMilliseconds:F1} ms; {cpuPerAck:F0} µs of CPU, {bytesPerAck} B allocated and {workItemsPerAck:F1} thread-pool work items per ack, master and driver; {updates} updates of {tasks} tasks; {master.WrongAcknowledgements} acknowledgements of no outstanding update; {master.OtherCalls} of {kills} other calls arrived, {master.OtherCallsOutOfOrder} out of order)"));
        return master.WrongAcknowledgements == 0 && master.OtherCallsOutOfOrder == 0 && master.OtherCalls == kills ? 0 : 1;
    }

    private static async Task<(AcknowledgingMaster Master, int Kills)> RunOnceAsync(int tasks, int updates)
    {
        await using var master = new AcknowledgingMaster(tasks, updates);
        await master.StartAsync();
        var kills = new KillSequence();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(kills);
        builder.Services.AddSingleton<KillingScheduler>();
        builder.Services.AddMesosScheduler<KillingScheduler>(o =>
        {
            o.Master = master.Uri.ToString();
            o.Framework.Name = "acks";
        });
        using var host = builder.Build();
        await host.StartAsync();
        await HarnessWait.ForAsync(master.Done.Task, Patience, $"the master to have all {updates} updates acknowledged");
        await HarnessWait.ForAsync(kills.AllSentAsync(), Patience, "the scheduler's KILL calls to be answered");
        await host.StopAsync();
        return (master, kills.Count);
    }
}

/// <summary>The KILLs the scheduler made, numbered in order.</summary>
internal sealed class KillSequence
{
    private readonly List<Task> _sent = [];

    public int Count
    {
        get
        {
            lock (_sent)
            {
                return _sent.Count;
            }
        }
    }

    public void Add(Func<int, Task> kill)
    {
        lock (_sent)
        {
            _sent.Add(kill(_sent.Count));
        }
    }

    public Task AllSentAsync()
    {
        lock (_sent)
        {
            return Task.WhenAll(_sent.ToList());
        }
    }
}

/// <summary>Does nothing with an update (the driver acknowledges it once this returns) but make a KILL every 100th.</summary>
internal sealed class KillingScheduler(KillSequence kills, ISchedulerDriver driver) : MesosScheduler
{
    private int _updates;

    public override Task StatusUpdateAsync(Mesos.V1.TaskStatus status, CancellationToken cancellationToken)
    {
        // Not awaited, as a scheduler that does not need the answer to go on would: the order is the driver's to keep.
        if (++_updates % 100 == 0)
        {
            kills.Add(n => driver.KillTaskAsync(MesosId.Of<TaskID>(string.Create(CultureInfo.InvariantCulture, $"order-{n}")), cancellationToken: cancellationToken));
        }

        return Task.CompletedTask;
    }
}
