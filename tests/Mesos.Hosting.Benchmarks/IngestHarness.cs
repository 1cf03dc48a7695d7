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
/// <c>ingest</c>: the real driver, in a real host, reading a stream of UPDATE events from a local
/// HTTP server and handing each to a no-op scheduler; beside it, Google.Protobuf parsing the same
/// payloads from memory.
/// </summary>
internal static class IngestHarness
{
    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var (stream, payloads) = args.Text("--from") is { } file ? await ReplayAsync(file) : Generate(args.Int("--events", 200_000));
        var events = payloads.Count;

        // A first round warms the JIT (tiered compilation, PGO) as BenchmarkDotNet's warm-up would; then the
        // best of three rounds, as for the in-memory figure, so that both sides are judged alike on a shared machine.
        await IngestOnceAsync(stream, events);
        IngestCounter? best = null;
        for (var round = 0; round < 3; round++)
        {
            var counter = await IngestOnceAsync(stream, events);
            best = best is null || counter.Elapsed < best.Elapsed ? counter : best;
        }

        var ingestRate = events / best!.Elapsed.TotalSeconds;
        var allocated = (double)best.AllocatedBytes;
        var parseRate = InMemoryParseRate(payloads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {ingestRate:F0} events/s, {allocated / events:F0} B/event; in-memory parse: {parseRate:F0} events/s; ratio {ingestRate / parseRate:F2}"));
        return 0;
    }

    private static async Task<IngestCounter> IngestOnceAsync(byte[] stream, int events)
    {
        await using var master = new StreamingMaster(stream);
        await master.StartAsync();
        var counter = new IngestCounter(events);
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

        // Measured from SUBSCRIBED to the last event: host start-up and the first subscription are not ingest.
        await host.StartAsync();
        await HarnessWait.ForAsync(counter.Done.Task, TimeSpan.FromMinutes(10), $"the no-op scheduler to be handed all {events} events");
        await host.StopAsync();
        return counter;
    }

    // The floor: Google.Protobuf parsing each payload from memory, best of three passes.
    private static double InMemoryParseRate(List<byte[]> payloads)
    {
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            var types = 0;
            foreach (var payload in payloads)
            {
                types += (int)Event.Parser.ParseFrom(payload).Type;
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            GC.KeepAlive(types);
        }

        return payloads.Count / best;
    }

    private static (byte[] Stream, List<byte[]> Payloads) Generate(int count)
    {
        var subscribed = new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed { FrameworkId = MesosId.Of<FrameworkID>("ingest-0000"), HeartbeatIntervalSeconds = 15 },
        };
        var payloads = Enumerable.Range(0, count).Select(i => EventPayloads.Update(i).ToByteArray()).ToList();
        var output = new ArrayBufferWriter<byte>();
        MesosCodec.Protobuf.WriteRecord(output, subscribed);
        payloads.ForEach(p => RecordIoWriter.Write(output, p));
        return (output.WrittenSpan.ToArray(), payloads);
    }

    // A captured protobuf stream, replayed as it is; its events after SUBSCRIBED are what is counted.
    private static async Task<(byte[] Stream, List<byte[]> Payloads)> ReplayAsync(string file)
    {
        var stream = await File.ReadAllBytesAsync(file);
        var payloads = new List<byte[]>();
        await using var reader = new RecordIoReader(new MemoryStream(stream));
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.Current.ToArray());
        }

        // Only what reaches a callback is counted (heartbeats do not), repeated to a measurable length.
        var visible = payloads.Skip(1).Where(p => Event.Parser.ParseFrom(p).Type is Event.Types.Type.Offers or Event.Types.Type.Update or Event.Types.Type.Rescind).ToList();
        var repeated = Enumerable.Repeat(visible, Math.Max(1, 200_000 / Math.Max(1, visible.Count))).SelectMany(p => p).ToList();
        var output = new ArrayBufferWriter<byte>();
        RecordIoWriter.Write(output, payloads[0]);
        repeated.ForEach(p => RecordIoWriter.Write(output, p));
        return (output.WrittenSpan.ToArray(), repeated);
    }
}

/// <summary>Counts the events the no-op scheduler was handed, timing them from SUBSCRIBED.</summary>
internal sealed class IngestCounter(int expected)
{
    private long _start;
    private long _allocatedAtStart;
    private int _seen;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Elapsed { get; private set; }

    public long AllocatedBytes { get; private set; }

    public void Subscribed()
    {
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        _start = Stopwatch.GetTimestamp();
    }

    public void Seen()
    {
        if (Interlocked.Increment(ref _seen) == expected)
        {
            Elapsed = Stopwatch.GetElapsedTime(_start);
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
            Done.TrySetResult();
        }
    }
}

/// <summary>The no-op handler: it only counts.</summary>
internal sealed class CountingScheduler(IngestCounter counter) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        counter.Subscribed();
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
