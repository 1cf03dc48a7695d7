using System.Diagnostics;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>An executor started with a broken environment stops at once, naming the variable.</summary>
public sealed class ExecutorStartupTests
{
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
        var start = new ProcessStartInfo(TestApp.Dotnet) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(TestApp.Dll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MESOS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, text) in GoodEnvironment)
        {
            start.Environment[name] = text;
        }

        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(expected, await stderr + await stdout, StringComparison.Ordinal);
    }
}
