using System.Diagnostics;
using System.Globalization;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>Processes the mesos-local tests start: the tool itself, its commands, and frameworks in other languages.</summary>
internal static class ToolProcesses
{
    public static readonly string MesosLocal = Path.Combine(AppContext.BaseDirectory, "mesos-local.dll");

    /// <summary>Starts <paramref name="file"/>; disposing the process kills it (and what it started) if it still runs, so a failed test leaves nothing behind.</summary>
    public static Process Start(string file, params string[] args)
    {
        var process = new KilledOnDispose { StartInfo = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false } };
        foreach (var arg in args)
        {
            process.StartInfo.ArgumentList.Add(arg);
        }

        process.Start();
        return process;
    }

    /// <summary>mesos-local with <paramref name="args"/>.</summary>
    public static Process StartTool(params string[] args) => Start("dotnet", [MesosLocal, .. args]);

    public static async Task<string> ReadLineStartingAsync(Process process, string prefix)
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

    public static void Signal(int pid, int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private sealed class KilledOnDispose : Process
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing && !HasExited)
            {
                Kill(entireProcessTree: true);
                WaitForExit();
            }

            base.Dispose(disposing);
        }
    }
}
