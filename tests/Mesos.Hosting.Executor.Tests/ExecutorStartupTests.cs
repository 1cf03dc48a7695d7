using System.Diagnostics;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// An executor started with a broken environment stops at once with exit code 2, naming every missing or malformed
/// variable in one message, on the default console logger and on Serilog alike, without a stack trace.
/// </summary>
public sealed class ExecutorStartupTests
{
    private const string AllAtOnce =
        "Invalid configuration: The executor's environment is incomplete: MESOS_CHECKPOINT is 'yes' (Mesos sets it to 1 or 0); MESOS_EXECUTOR_ID is not set; "
        + "MESOS_AGENT_ENDPOINT is 'nowhere' (expected the agent's address as ip:port, or slave(1)@ip:port for MESOS_SLAVE_PID). The Mesos agent sets these for every "
        + "executor it launches; elsewhere, set them or Mesos:Executor:Checkpoint, Mesos:Executor:ExecutorId, Mesos:Executor:AgentEndpoint (the Mesos:Executor:* overrides).";

    private static readonly Dictionary<string, string> GoodEnvironment = new(StringComparer.Ordinal)
    {
        ["MESOS_FRAMEWORK_ID"] = "fw-1",
        ["MESOS_EXECUTOR_ID"] = "ex-1",
        ["MESOS_AGENT_ENDPOINT"] = "127.0.0.1:1",
        ["MESOS_CHECKPOINT"] = "0",
        ["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"] = "5secs",
    };

    [Theory]
    [InlineData("MESOS_FRAMEWORK_ID", null, "MESOS_FRAMEWORK_ID is not set")]
    [InlineData("MESOS_CHECKPOINT", "yes", "MESOS_CHECKPOINT is 'yes'")]
    [InlineData("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "soon", "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD is 'soon'")]
    [InlineData("MESOS_AGENT_ENDPOINT", "nowhere", "MESOS_AGENT_ENDPOINT is 'nowhere'")]
    public async Task A_missing_or_malformed_variable_fails_the_start_with_its_name(string variable, string? value, string expected)
    {
        var (exitCode, lines) = await RunAsync(TestApp.Dll, new() { [variable] = value });

        Assert.Equal(2, exitCode);
        Assert.Single(lines, l => l.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_problem_is_named_at_once_in_one_line_with_the_default_console_logger()
    {
        var (exitCode, lines) = await RunAsync(TestApp.Dll, BrokenThreeWays());

        Assert.Equal(2, exitCode);
        AssertOneCleanLine(lines);
    }

    [Fact]
    public async Task Every_problem_is_named_at_once_in_one_line_with_serilog()
    {
        var (exitCode, lines) = await RunAsync(TestApp.SampleDll, BrokenThreeWays(executorId: "pi-1"));

        Assert.Equal(2, exitCode);
        Assert.Single(lines, l => l.EndsWith(" FTL " + AllAtOnce.Replace("MESOS_EXECUTOR_ID is not set; ", "", StringComparison.Ordinal)
            .Replace("Mesos:Executor:ExecutorId, ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> BrokenThreeWays(string? executorId = null) => new()
    {
        ["MESOS_CHECKPOINT"] = "yes",
        ["MESOS_EXECUTOR_ID"] = executorId,
        ["MESOS_AGENT_ENDPOINT"] = "nowhere",
    };

    private static void AssertOneCleanLine(List<string> lines)
    {
        Assert.Single(lines, l => l.Trim() == AllAtOnce);
        Assert.Single(lines, l => l.Contains("The Mesos executor did not start: 1 configuration problem(s); the process exits with code 2", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, List<string> Lines)> RunAsync(string dll, Dictionary<string, string?> changes)
    {
        var start = new ProcessStartInfo(TestApp.Dotnet) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MESOS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, text) in GoodEnvironment)
        {
            start.Environment[name] = text;
        }

        foreach (var (name, text) in changes)
        {
            start.Environment[name] = text;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        var output = await stdout + await stderr;
        return (process.ExitCode, output.Split('\n').Select(l => l.TrimEnd('\r')).ToList());
    }
}
