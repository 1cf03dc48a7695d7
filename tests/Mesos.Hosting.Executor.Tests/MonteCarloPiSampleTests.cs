using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The README's first command: the sample framework, both roles, on its own local cluster.</summary>
public sealed partial class MonteCarloPiSampleTests
{
    [Fact]
    public async Task The_sample_estimates_pi_with_executors_as_child_processes_and_leaves_none_behind()
    {
        var start = new ProcessStartInfo(TestApp.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(TestApp.SampleDll);
        start.ArgumentList.Add("--local");
        start.ArgumentList.Add("--Pi:Samples=4000000");
        start.ArgumentList.Add("--Pi:Tasks=6");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        var output = await stdout;

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}{await stderr}");
        var estimate = double.Parse(Estimate().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(estimate, Math.PI - 0.01, Math.PI + 0.01);
        Assert.Contains("6/6 tasks done", output, StringComparison.Ordinal);

        // The executors said which processes they ran in: other processes than the scheduler's, all gone now.
        var executorPids = ExecutorPid().Matches(output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.NotEmpty(executorPids);
        Assert.DoesNotContain(process.Id, executorPids);
        Assert.All(executorPids, pid => Assert.False(IsRunning(pid), $"executor process {pid} outlived the sample"));
    }

    private static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"π ≈ ([0-9.]+)")]
    private static partial Regex Estimate();

    [GeneratedRegex(@"\(process (\d+)\)")]
    private static partial Regex ExecutorPid();
}
