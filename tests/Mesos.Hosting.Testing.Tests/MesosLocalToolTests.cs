using System.Diagnostics;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The mesos-local tool as a process, driven by a framework that shares no code with us.</summary>
public sealed class MesosLocalToolTests
{
    [Fact]
    public async Task A_plain_python_framework_runs_tasks_on_mesos_local_which_then_stops_cleanly()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "mesos-local.dll");
        using var cluster = Start("dotnet", tool, "--port", "0", "--agent-port", "0", "--agents", "2");
        var master = await ReadLineStartingAsync(cluster, "mesos-local: master at ");
        var sandboxes = await ReadLineStartingAsync(cluster, "mesos-local: sandboxes under ");

        using var framework = Start("python3", Path.Combine(AppContext.BaseDirectory, "ThirdParty", "raw_framework.py"), master, "12");
        var output = await framework.StandardOutput.ReadToEndAsync();
        var errors = await framework.StandardError.ReadToEndAsync();
        await framework.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(framework.ExitCode == 0, $"python framework failed: {output}{errors}");
        Assert.Contains("python-raw: 12 tasks finished", output, StringComparison.Ordinal);

        Signal(cluster.Id, 15);
        await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, cluster.ExitCode);
        Assert.False(Directory.Exists(sandboxes), "the temporary work directory should be gone");
    }

    [Fact]
    public async Task Bad_arguments_are_named_and_refused()
    {
        using var tool = Start("dotnet", Path.Combine(AppContext.BaseDirectory, "mesos-local.dll"), "--agents", "many");
        var errors = await tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, tool.ExitCode);
        Assert.Contains("--agents must be a non-negative whole number, not 'many'", errors, StringComparison.Ordinal);
    }

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<string> ReadLineStartingAsync(Process process, string prefix)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        throw new InvalidOperationException($"mesos-local never printed '{prefix}': {await process.StandardError.ReadToEndAsync()}");
    }

    private static void Signal(int pid, int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
