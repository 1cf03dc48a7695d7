using System.Diagnostics;
using System.Text;

namespace Mesos.Hosting.Benchmarks.Tests;

/// <summary>
/// One run of a benchmark harness as a user starts it: the Benchmarks program's apphost (what <c>dotnet run</c>
/// starts), with the harness's name and options, its output collected, killed if it outlives its deadline.
/// </summary>
internal static class HarnessProcess
{
    private const string ProjectName = "Mesos.Hosting.Benchmarks";

    // Built beside this test project, with the same configuration: bin/<configuration>/<framework>/.
    private static readonly string AppHost = Path.Combine(
        AppContext.BaseDirectory.Replace(ProjectName + ".Tests", ProjectName, StringComparison.Ordinal), OperatingSystem.IsWindows() ? ProjectName + ".exe" : ProjectName);

    /// <summary>The Benchmarks program's folder, where harnesses publish the executors they time.</summary>
    public static string Folder => Path.GetDirectoryName(AppHost)!;

    /// <summary>Runs the harness to its end; its exit code and everything it wrote, or a failure naming what it was doing when the deadline passed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan deadline, params string[] arguments)
    {
        var start = new ProcessStartInfo(AppHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{AppHost} did not start.");
        var output = new StringBuilder();
        var reading = Task.WhenAll(CollectAsync(process.StandardOutput, output), CollectAsync(process.StandardError, output));
        using var expiry = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await reading;
            throw new TimeoutException($"`{ProjectName} {string.Join(' ', arguments)}` was still running after {deadline}; it wrote:\n{Text(output)}");
        }

        await reading;
        return (process.ExitCode, Text(output));
    }

    private static async Task CollectAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
