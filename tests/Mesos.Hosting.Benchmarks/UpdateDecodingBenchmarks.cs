using BenchmarkDotNet.Attributes;

namespace Mesos.Hosting.Benchmarks;

/// <summary>UPDATE events (one task status each); Mean and Allocated are per event.</summary>
public class UpdateDecodingBenchmarks : EventDecoding
{
    private const int Events = 10_000;

    [GlobalSetup]
    public void Setup() => Prepare(Enumerable.Range(0, Events).Select(EventPayloads.Update).ToList());

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "UPDATE: Google.Protobuf from memory")]
    public int FromMemory() => ParseEachPayloadFromMemory();

    [Benchmark(OperationsPerInvoke = Events, Description = "UPDATE: RecordIoReader + MesosCodec.Protobuf")]
    public Task<int> FromRecordIo() => ReadTheRecordIoStream();
}
