using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>placement</c>: <see cref="OfferMatcher.Match"/> over a cluster-sized problem (default 10,000 requests
/// with three constraints each over 1,000 offers), after a warm-up; the median and best of several runs,
/// the CPU time the process spent in them (what a machine shared with other work does not inflate as
/// much as wall time), and the bytes each run allocates. Smaller agents (<c>--agent-cpus 4</c>) leave most requests pending.
/// </summary>
internal static class PlacementHarness
{
    public static Task<int> RunAsync(HarnessArguments args)
    {
        var offers = PlacementWorkload.Offers(args.Int("--offers", 1000), args.Int("--agent-cpus", 32));
        var requests = PlacementWorkload.Requests(args.Int("--requests", 10_000));
        var runs = args.Int("--runs", 9);

        var result = OfferMatcher.Match(offers, requests);
        for (var warmup = 0; warmup < 3; warmup++)
        {
            OfferMatcher.Match(offers, requests);
        }

        var times = new List<double>(runs);
        var cpuTimes = new List<double>(runs);
        var allocations = new List<long>(runs);
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            OfferMatcher.Match(offers, requests);
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpuTimes.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocations.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        times.Sort();
        cpuTimes.Sort();
        allocations.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"placement: {times[times.Count / 2]:F1} ms for {requests.Count} requests over {offers.Count} offers (median of {runs}; best {times[0]:F1} ms; CPU time {cpuTimes[cpuTimes.Count / 2]:F1} ms); {allocations[allocations.Count / 2] / 1048576.0:F1} MiB allocated per run; {PlacementWorkload.Describe(result)}"));
        return Task.FromResult(0);
    }
}
