namespace Mesos.Hosting.Benchmarks.Tests;

/// <summary>
/// Each end-to-end harness, run briefly as the README gives it, ends by itself and prints its line of figures: a harness
/// that hangs, dies, or stops measuring fails here rather than on the next person to run it. The figures are not judged.
/// </summary>
public sealed class HarnessRunTests
{
    // A short run takes seconds; this is for a machine shared by several builds, not for a harness that waits forever.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Executor_startup_launches_executors_and_prints_their_start_up_time()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync(Deadline, "executor-startup", "--launches", "2");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"executor-startup: \d+ ms \(median of 2; fastest \d+ ms, slowest \d+ ms\)", output);
    }
}
