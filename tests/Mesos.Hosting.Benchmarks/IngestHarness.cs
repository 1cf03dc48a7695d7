using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>ingest</c>: the real driver, in a real host, reading a stream of events from a local HTTP server and handing
/// each to a no-op scheduler; beside it, Google.Protobuf parsing the same payloads from memory on one core. The
/// stream is UPDATEs shaped as a real master sends them (<see cref="EventPayloads.Update"/>), or a file of recorded
/// events (<c>--from</c>, see <c>--write-offers</c>) replayed as many times as fit in a byte budget (<c>--megabytes</c>).
/// </summary>
internal static class IngestHarness
{
    public static async Task<int> RunAsync(HarnessArguments args)
    {
        if (args.Text("--write-offers") is { } target)
        {
            await OffersFile.WriteAsync(target, args.Int("--offers", 1000), args.Int("--events", 20));
            return 0;
        }

        var source = args.Text("--from") is { } file
            ? await IngestSource.ReplayAsync(file, args.Int("--megabytes", 512) * 1024L * 1024)
            : IngestSource.Updates(args.Int("--events", 1_000_000));

        // A first round of each warms the JIT (tiered compilation, PGO) as BenchmarkDotNet's warm-up would. Then three
        // rounds, each an ingest and a parse pass right after it: a shared machine's speed swings within minutes, so each
        // ratio compares the two under the same conditions, and the median of the three is the one reported.
        await IngestOnceAsync(source);
        InMemoryParse.Measure(source);
        IngestCounter? best = null;
        var parse = default(InMemoryParse);
        var ratios = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            // Each starts on a heap the other left collected, as BenchmarkDotNet collects between iterations.
            CollectEverything();
            var counter = await IngestOnceAsync(source);
            CollectEverything();
            var pass = InMemoryParse.Measure(source);
            ratios.Add(source.Events / counter.Elapsed.TotalSeconds / pass.EventsPerSecond);
            best = best is null || counter.Elapsed < best.Elapsed ? counter : best;
            parse = pass.EventsPerSecond > parse.EventsPerSecond ? pass : parse;
        }

        var events = source.Events;
        var ingestRate = events / best!.Elapsed.TotalSeconds;
        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {ingestRate:F0} events/s, {(double)best.AllocatedBytes / events:F0} B/event; in-memory parse: {parse.EventsPerSecond:F0} events/s, {parse.BytesPerEvent:F0} B/event (the best of three rounds each); ratio {ratios[1]:F2} (the median of the rounds' {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}) ({events} events of {source.MeanEventBytes:F0} B)"));
        // The collections say how much of the figure is the GC's: on a machine that hides its CPU caches from the
        // runtime (a VM with no cache sizes in /sys), the gen0 budget falls to about 2 MB, and every 2 MB allocated
        // pays a collection's fixed cost (docs/deployment.md, "Garbage collection"). The pause is the wall time every
        // thread stood still for them; the CPU per event beside the parse's is the whole process's, the stand-in master's
        // writes included, and the cores it kept busy say how much of the machine the pipeline used.
        var (gen0, gen1, gen2) = best.Collections;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest garbage collections: gen0 {gen0}, gen1 {gen1}, gen2 {gen2} (a gen0 collection per {(double)best.AllocatedBytes / Math.Max(1, gen0) / (1024 * 1024):F1} MB allocated), pausing {best.Paused.TotalMilliseconds:F0} ms of {best.Elapsed.TotalMilliseconds:F0}; CPU {best.Cpu.TotalMicroseconds / events:F2} µs/event over {best.Cpu / best.Elapsed:F2} cores, in-memory parse {1e6 / parse.EventsPerSecond:F2} µs/event; peak working set {PeakWorkingSetMegabytes():F0} MB ({GarbageCollectorMode()})"));
        if (source.Replayed)
        {
            var (p50, p99) = best.GapPercentiles();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest per event: P50 {p50.TotalMilliseconds:F3} ms, P99 {p99.TotalMilliseconds:F3} ms, mean {1000 / ingestRate:F3} ms framing+decode+dispatch (time between consecutive callbacks on the saturated stream, so the mean is the throughput's measure); in-memory parse alone: {1000 / parse.EventsPerSecond:F3} ms"));
        }

        return 0;
    }

    // What a budget that lets fewer collections come costs in memory: the most the process held at once, the events'
    // sources and both rounds' heaps included, under the collector it ran with.
    private static double PeakWorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }

    // As the collector itself reports it: the environment's DOTNET_ settings win over the project's.
    private static string GarbageCollectorMode()
    {
        if (!System.Runtime.GCSettings.IsServerGC)
        {
            return "workstation GC";
        }

        var settings = GC.GetConfigurationVariables();
        var adapting = settings.TryGetValue("GCDynamicAdaptationMode", out var mode) && Convert.ToInt64(mode, CultureInfo.InvariantCulture) != 0;
        return adapting ? "server GC, adapting" : $"server GC, {settings["HeapCount"]} heaps fixed";
    }

    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<IngestCounter> IngestOnceAsync(IngestSource source)
    {
        await using var master = new StreamingMaster(source.Subscribed, source.Body, source.Repeats);
        await master.StartAsync();
        var counter = new IngestCounter(source.Events, timesEach: source.Replayed);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(counter);
        // A stateless no-op handler, registered as such handlers usually are: a singleton, which the driver calls without a DI scope.
        builder.Services.AddSingleton<CountingScheduler>();
        builder.Services.AddMesosScheduler<CountingScheduler>(o =>
        {
            o.Master = master.Uri.ToString();
            o.Framework.Name = "ingest";
            o.ImplicitAcknowledgements = false;
            o.DeclineUnusedOffers = false;
        });
        using var host = builder.Build();

        // Measured from the release of the events after SUBSCRIBED to the last one: host start-up, the first subscription
        // and the JIT's tier-up of what they ran are not ingest.
        await host.StartAsync();
        await HarnessWait.ForAsync(counter.Registered.Task, TimeSpan.FromMinutes(1), "the no-op scheduler to be told it is registered");
        await JitQuiet.WaitAsync(TimeSpan.FromSeconds(5));
        counter.Start();
        master.Release();
        await HarnessWait.ForAsync(counter.Done.Task, TimeSpan.FromMinutes(10), $"the no-op scheduler to be handed all {source.Events} events");
        await host.StopAsync();
        return counter;
    }
}

/// <summary>
/// Counts the events the no-op scheduler was handed, timing them from the release of the stream. Only when
/// <paramref name="timesEach"/> is each event's arrival timed as well, for the per-event percentiles of large events:
/// for small ones a clock read each would be a measurable part of what is measured.
/// </summary>
internal sealed class IngestCounter(int expected, bool timesEach)
{
    // When each event reached the callback; allocated before the clock starts.
    private readonly long[] _seenAt = new long[timesEach ? expected : 0];
    private long _start;
    private long _allocatedAtStart;
    private TimeSpan _cpuAtStart;
    private TimeSpan _pausedAtStart;
    private (int Gen0, int Gen1, int Gen2) _collectionsAtStart;
    private int _seen;

    public TaskCompletionSource Registered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Elapsed { get; private set; }

    public long AllocatedBytes { get; private set; }

    /// <summary>The process's CPU time while the events came: the driver's, the no-op handler's and the stand-in master's.</summary>
    public TimeSpan Cpu { get; private set; }

    /// <summary>How long the garbage collector held every thread still while the events came.</summary>
    public TimeSpan Paused { get; private set; }

    /// <summary>The collections of each generation while the events came (a gen1 collection counts in gen0's too, as the runtime counts them).</summary>
    public (int Gen0, int Gen1, int Gen2) Collections { get; private set; }

    public void Start()
    {
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        _collectionsAtStart = CollectionCounts();
        _cpuAtStart = System.Environment.CpuUsage.TotalTime;
        _pausedAtStart = GC.GetTotalPauseDuration();
        _start = Stopwatch.GetTimestamp();
    }

    public void Seen()
    {
        var seen = Interlocked.Increment(ref _seen);
        if (timesEach)
        {
            _seenAt[seen - 1] = Stopwatch.GetTimestamp();
        }

        if (seen == expected)
        {
            var now = Stopwatch.GetTimestamp();
            Elapsed = Stopwatch.GetElapsedTime(_start, now);
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
            Cpu = System.Environment.CpuUsage.TotalTime - _cpuAtStart;
            Paused = GC.GetTotalPauseDuration() - _pausedAtStart;
            var collections = CollectionCounts();
            Collections = (collections.Gen0 - _collectionsAtStart.Gen0, collections.Gen1 - _collectionsAtStart.Gen1, collections.Gen2 - _collectionsAtStart.Gen2);
            Done.TrySetResult();
        }
    }

    private static (int Gen0, int Gen1, int Gen2) CollectionCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>The median and 99th percentile of the time between one callback and the next.</summary>
    public (TimeSpan P50, TimeSpan P99) GapPercentiles()
    {
        var gaps = new long[Math.Max(1, _seenAt.Length - 1)];
        for (var i = 1; i < _seenAt.Length; i++)
        {
            gaps[i - 1] = _seenAt[i] - _seenAt[i - 1];
        }

        Array.Sort(gaps);
        return (Stopwatch.GetElapsedTime(0, gaps[gaps.Length / 2]), Stopwatch.GetElapsedTime(0, gaps[Math.Min(gaps.Length - 1, gaps.Length * 99 / 100)]));
    }
}

/// <summary>The no-op handler: it only counts.</summary>
internal sealed class CountingScheduler(IngestCounter counter) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        counter.Registered.TrySetResult();
        return Task.CompletedTask;
    }

    public override Task StatusUpdateAsync(Mesos.V1.TaskStatus status, CancellationToken cancellationToken)
    {
        counter.Seen();
        return Task.CompletedTask;
    }

    public override Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        counter.Seen();
        return Task.CompletedTask;
    }

    public override Task OfferRescindedAsync(OfferID offerId, CancellationToken cancellationToken)
    {
        counter.Seen();
        return Task.CompletedTask;
    }
}
