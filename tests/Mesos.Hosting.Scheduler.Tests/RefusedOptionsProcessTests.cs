using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>Options refused by a real scheduler process: its exact Critical lines, no stack trace, and exit code 2.</summary>
public sealed class RefusedOptionsProcessTests
{
    // The second: the program's own hosted service takes IMesosWorkloads (and through it the driver), which the host
    // builds before any hosted service starts, so before the options are checked.
    [Theory]
    [InlineData]
    [InlineData("--Workloads:Tasks=1")]
    public async Task Every_problem_is_one_line_and_the_process_exits_2_without_an_abort(params string[] mode)
    {
        await using var process = SchedulerProcess.Start(["--Mesos:Scheduler:Master=not a url", "--Mesos:Scheduler:Framework:Name=", .. mode]);

        Assert.Equal(2, await process.ExitedAsync(TimeSpan.FromMinutes(1)));
        var lines = process.Lines.Snapshot();
        var critical = lines.Where(l => l.StartsWith("crit: ", StringComparison.Ordinal)).ToList();
        string[] expected =
        [
            "crit: Mesos.Hosting.Scheduler[401] Invalid configuration: Mesos:Scheduler:Master: 'not a url' is not an absolute http or https URL, nor a zk:// URL.",
            "crit: Mesos.Hosting.Scheduler[401] Invalid configuration: Mesos:Scheduler:Framework:Name: a framework needs a name.",
            "crit: Mesos.Hosting.Scheduler[402] The Mesos scheduler did not start: 2 configuration problem(s); the process exits with code 2",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), critical.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
