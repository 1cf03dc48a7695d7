using System.Diagnostics;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>The floor the ingest figures are judged against: Google.Protobuf parsing each payload from memory, on one core.</summary>
internal readonly record struct InMemoryParse(double EventsPerSecond, double BytesPerEvent)
{
    /// <summary>The best of three passes over as many events as the stream carries.</summary>
    public static InMemoryParse Measure(IngestSource source)
    {
        var bestSeconds = double.MaxValue;
        var bestBytes = long.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var types = 0;
            for (var repeat = 0; repeat < source.Repeats; repeat++)
            {
                foreach (var payload in source.Payloads)
                {
                    types += (int)Event.Parser.ParseFrom(payload).Type;
                }
            }

            bestSeconds = Math.Min(bestSeconds, clock.Elapsed.TotalSeconds);
            bestBytes = Math.Min(bestBytes, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            GC.KeepAlive(types);
        }

        return new InMemoryParse(source.Events / bestSeconds, (double)bestBytes / source.Events);
    }
}
