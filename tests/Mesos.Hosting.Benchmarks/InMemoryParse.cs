using System.Diagnostics;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>The floor the ingest figures are judged against: Google.Protobuf parsing each payload from memory, on one core.</summary>
internal readonly record struct InMemoryParse(double EventsPerSecond, double BytesPerEvent)
{
    /// <summary>One pass over as many events as the stream carries.</summary>
    public static InMemoryParse Measure(IngestSource source)
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

        var seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(types);
        return new InMemoryParse(source.Events / seconds, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / source.Events);
    }
}
