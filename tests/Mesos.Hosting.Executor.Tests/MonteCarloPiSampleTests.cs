using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The README's first command: the sample framework, both roles, on its own local cluster.</summary>
public sealed partial class MonteCarloPiSampleTests
{
    // Far above a run on a loaded machine (seconds); only a sample that will never exit waits this long.
    private static readonly TimeSpan SampleDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_sample_estimates_pi_running_each_share_once_and_leaves_no_executor_behind()
    {
        var (exitCode, output, errors) = await RunSampleAsync("--Pi:Samples=4000000", "--Pi:Tasks=6");

        Assert.True(exitCode == 0, $"exit {exitCode}: {output}{errors}");
        var estimate = double.Parse(Estimate().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(estimate, Math.PI - 0.01, Math.PI + 0.01);

        // Every share's workload succeeded at its first attempt, and each is reported once.
        var ended = ShareEnded().Matches(output).Select(m => (Index: m.Groups[1].Value, Outcome: m.Groups[2].Value, Attempts: m.Groups[3].Value)).ToList();
        Assert.Equal(["0", "1", "2", "3", "4", "5"], ended.Select(e => e.Index).Order(StringComparer.Ordinal));
        Assert.All(ended, e => Assert.Equal(("Succeeded", "1"), (e.Outcome, e.Attempts)));
        Assert.Contains("6/6 shares done", output, StringComparison.Ordinal);
        AssertNoExecutorLeft(output);
    }

    [Fact]
    public async Task A_share_whose_executor_keeps_failing_ends_poisoned_after_its_attempts_and_the_sample_exits_1_naming_it()
    {
        // The executor dies at once, as a crashing one does: every attempt is lost, up to the retry policy's 3.
        var (exitCode, output, errors) = await RunSampleAsync("--Pi:Samples=1000", "--Pi:Tasks=2", "--Pi:ExecutorCommand=exit 3");

        Assert.True(exitCode == 1, $"exit {exitCode}: {output}{errors}");
        Assert.DoesNotMatch(Estimate(), output);
        Assert.Contains("No estimate: π share 0 was poisoned after 3 attempt(s): TaskLost (ExecutorTerminated", errors, StringComparison.Ordinal);
        Assert.Contains("π share 1 was poisoned after 3 attempt(s)", errors, StringComparison.Ordinal);
        AssertNoExecutorLeft(output);
    }

    [Fact]
    public async Task Invalid_scheduler_options_exit_2_naming_the_key()
    {
        var (exitCode, output, errors) = await RunSampleAsync("--Mesos:Scheduler:Framework:Name=");

        Assert.True(exitCode == 2, $"exit {exitCode}: {output}{errors}");
        // The SDK's own refusal, one Critical log line per problem, not an exception escaping the program.
        Assert.Contains("Mesos:Scheduler:Framework:Name: a framework needs a name.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output + errors, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunSampleAsync(params string[] options)
    {
        var start = new ProcessStartInfo(TestApp.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(TestApp.SampleDll);
        start.ArgumentList.Add("--local");
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(SampleDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // What the sample printed says where it stopped.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sample did not exit within {SampleDeadline.TotalMinutes} minutes; it printed:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    // The teardown made Mesos shut the executors down: no process started for this framework is still alive.
    private static void AssertNoExecutorLeft(string output)
    {
        var frameworkId = FrameworkId().Match(output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(frameworkId), $"the sample named no framework: {output}");
        var marker = $"MESOS_FRAMEWORK_ID={frameworkId}";
        var left = Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d))
            .Where(name => int.TryParse(name, CultureInfo.InvariantCulture, out _) && IsLiveWithEnvironment(name, marker))
            .ToList();
        Assert.True(left.Count == 0, $"executor processes {string.Join(", ", left)} of framework {frameworkId} outlived the sample");
    }

    private static bool IsLiveWithEnvironment(string pid, string variable)
    {
        try
        {
            var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
            return environment.Contains(variable, StringComparer.Ordinal)
                && !File.ReadLines($"/proc/{pid}/status").Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone since listed, or another user's process: neither is one of the sample's executors.
            return false;
        }
    }

    [GeneratedRegex(@"π ≈ ([0-9.]+)")]
    private static partial Regex Estimate();

    [GeneratedRegex(@"π share (\d+) ended (\w+) after (\d+) attempt")]
    private static partial Regex ShareEnded();

    [GeneratedRegex(@"Tearing down framework (\S+):")]
    private static partial Regex FrameworkId();
}
