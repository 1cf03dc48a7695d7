using BenchmarkDotNet.Attributes;

namespace Mesos.Hosting.Benchmarks;

/// <summary>OFFERS events carrying 1,000 offers each; Mean and Allocated are per event.</summary>
public class OffersDecodingBenchmarks : EventDecoding
{
    private const int Events = 10;

    [GlobalSetup]
    public void Setup() => Prepare(Enumerable.Range(0, Events).Select(_ => EventPayloads.Offers(1000)).ToList());

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "OFFERS x1000: Google.Protobuf from memory")]
    public int FromMemory() => ParseEachPayloadFromMemory();

    [Benchmark(OperationsPerInvoke = Events, Description = "OFFERS x1000: RecordIoReader + MesosCodec.Protobuf")]
    public Task<int> FromRecordIo() => ReadTheRecordIoStream();
}
