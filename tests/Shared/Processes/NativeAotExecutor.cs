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
        string[] arguments = ["publish", Path.Combine(Repository.Root(), "tests", ProjectName, ProjectName + ".csproj"), "-c", configuration, "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "-nologo"];
        var (exitCode, printed) = await Command.RunAsync(baseDirectory, new Dictionary<string, string>(), timeout, DotnetHost.Path, arguments);
        var executable = Path.Combine(output, ProjectName);
        return exitCode == 0 && File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"The NativeAOT publish of {ProjectName} failed with exit code {exitCode}:{Environment.NewLine}{printed}");
    }
}
