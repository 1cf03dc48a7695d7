using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>
/// The test executor's task runner (tests/Mesos.Hosting.Executor.AotApp) published as a NativeAOT program, beside the
/// program that asks for it. A build never compiles it natively, so the solution's build stays quick; the publish is
/// incremental, so only the first call after a change pays for the native compile.
/// </summary>
internal static class NativeAotExecutor
{
    private const string ProjectName = "Mesos.Hosting.Executor.AotApp";

    /// <summary>Publishes the executor with this program's configuration; returns the native executable's path.</summary>
    public static async Task<string> PublishAsync(TimeSpan timeout)
    {
        // bin/<configuration>/<framework>/: publish with the same configuration as the program that asks.
        var baseDirectory = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory))!;
        var output = Path.Combine(baseDirectory, "aot-executor");
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["publish", ProjectFile(), "-c", configuration, "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "-nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {DotnetHost.Path} to publish {ProjectName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The NativeAOT publish of {ProjectName} (dotnet {string.Join(' ', start.ArgumentList)}) did not finish within {timeout}.");
        }

        var executable = Path.Combine(output, ProjectName);
        return process.ExitCode == 0 && File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"The NativeAOT publish of {ProjectName} failed with exit code {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
    }

    private static string ProjectFile()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mesos.Hosting.sln")))
        {
            directory = directory.Parent;
        }

        return directory is not null
            ? Path.Combine(directory.FullName, "tests", ProjectName, ProjectName + ".csproj")
            : throw new InvalidOperationException($"No Mesos.Hosting.sln above {AppContext.BaseDirectory}, so {ProjectName} cannot be found to publish.");
    }
}
