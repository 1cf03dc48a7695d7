namespace Mesos.Hosting.Benchmarks.Tests;

/// <summary>
/// Each end-to-end harness, run briefly as the README gives it, ends by itself and prints its line of figures: a harness
/// that hangs, dies, or stops measuring fails here rather than on the next person to run it. The figures are not judged.
/// </summary>
public sealed class HarnessRunTests
{
    // A short run takes seconds; this is for a machine shared by several builds, not for a harness that waits forever.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    // executor-startup first publishes its executor ReadyToRun: a compile of the SDK and its packages on two busy cores.
    private static readonly TimeSpan PublishingDeadline = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Executor_startup_launches_executors_and_prints_their_start_up_time()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync(PublishingDeadline, "executor-startup", "--launches", "2");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"this machine: \d+\.\d\d µs for the first touch of a page of fresh memory", output);
        Assert.Matches(@"executor-startup: \d+ ms \(median of 2; fastest \d+ ms, slowest \d+ ms\); CPU \d+ ms \(median; least \d+ ms, most \d+ ms\); [1-9]\d* page faults \(median\)", output);

        // crossgen2 precompiles the runtime's start-up helpers only as the descriptors the trim keeps in CoreLib list them.
        var coreLib = await File.ReadAllBytesAsync(Path.Combine(HarnessProcess.Folder, "r2r-executor", "System.Private.CoreLib.dll"));
        Assert.True(coreLib.AsSpan().IndexOf("ILLink.Descriptors.xml"u8) >= 0, "the timed executor's CoreLib lost its ILLink descriptors: its start-up helpers are left to the JIT (docs/deployment.md)");
    }

    [Fact]
    public async Task Ingest_streams_updates_through_the_driver_and_prints_its_rate_beside_the_in_memory_parse()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync(Deadline, "ingest", "--events", "20000");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"ingest: \d+ events/s, \d+ B/event; in-memory parse: \d+ events/s, \d+ B/event \(the best of three rounds each\); ratio \d+\.\d\d \(the median of the rounds' \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\) \(20000 events of \d+ B\)", output);
        Assert.Matches(@"ingest garbage collections: gen0 \d+, gen1 \d+, gen2 \d+ \(a gen0 collection per \d+\.\d MB allocated\), pausing \d+ ms of \d+; CPU \d+\.\d\d µs/event over \d+\.\d\d cores, in-memory parse \d+\.\d\d µs/event; peak working set \d+ MB \(server GC, \d+ heaps fixed\)", output);
    }

    [Fact]
    public async Task Ingest_replays_a_written_offers_file_and_prints_per_event_percentiles()
    {
        var file = Path.Combine(Path.GetTempPath(), $"offers-{Guid.NewGuid():N}.rio");
        try
        {
            var (written, writeOutput) = await HarnessProcess.RunAsync(Deadline, "ingest", "--write-offers", file, "--offers", "100", "--events", "3");
            Assert.True(written == 0, writeOutput);

            var (exitCode, output) = await HarnessProcess.RunAsync(Deadline, "ingest", "--from", file, "--megabytes", "2");

            Assert.True(exitCode == 0, output);
            Assert.Matches(@"ingest per event: P50 \d+\.\d+ ms, P99 \d+\.\d+ ms", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Acks_has_every_update_acknowledged_and_the_other_calls_arrive_in_order()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync(Deadline, "acks", "--tasks", "50", "--updates", "2000");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"acks: \d+ acks/s, P99 update→ack \d+\.\d ms .*0 acknowledgements of no outstanding update; 20 of 20 other calls arrived, 0 out of order", output);
    }

    [Fact]
    public async Task Scale_runs_its_driver_in_a_process_of_its_own_through_every_phase_and_prints_a_row()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync(Deadline, "scale", "--agents", "20", "--tasks", "200");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"scale: +20 +200 +\d+\.\d\d +-?\d+ +\d+\.\d\d +\d+ +\d+\.\d", output);
    }
}
