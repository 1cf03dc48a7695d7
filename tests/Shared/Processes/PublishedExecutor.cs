using System.Runtime.InteropServices;

namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>
/// The lean test executor (the task runner under <c>MesosExecutorHost.CreateApplicationBuilder</c>) published as it is
/// deployed, beside the program that asks for it: as a NativeAOT program (tests/Mesos.Hosting.Executor.AotApp) or as a
/// trimmed, self-contained ReadyToRun one (tests/Mesos.Hosting.Executor.ReadyToRunApp). A build compiles neither ahead of time, so
/// the solution's build stays quick; a publish is incremental, so only the first call after a change pays for it.
/// </summary>
internal static class PublishedExecutor
{
    private const string NativeAotProject = "Mesos.Hosting.Executor.AotApp";
    private const string ReadyToRunProject = "Mesos.Hosting.Executor.ReadyToRunApp";

    /// <summary>
    /// Publishes the NativeAOT executor; returns the native executable's path. Without <paramref name="json"/>, its
    /// project switches JSON off (<c>MesosCodec.IsJsonSupported</c>), as an executor that speaks protobuf ships.
    /// </summary>
    public static async Task<string> NativeAotAsync(TimeSpan timeout, bool json = true)
        => json
            ? await PublishAsync(NativeAotProject, "aot-executor", NativeAotProject, timeout, [])
            : await PublishAsync(NativeAotProject, "aot-executor-protobuf", NativeAotProject, timeout, ["-p:JsonSupported=false"]);

    /// <summary>Publishes the ReadyToRun executor (self-contained, trimmed, one composite image); returns its executable's path.</summary>
    public static async Task<string> ReadyToRunAsync(TimeSpan timeout)
        => await PublishAsync(ReadyToRunProject, "r2r-executor", ReadyToRunProject, timeout, []);

    // Published with this program's configuration, for this machine's runtime identifier (ReadyToRun and NativeAOT need one).
    private static async Task<string> PublishAsync(string project, string folder, string file, TimeSpan timeout, string[] properties)
    {
        // bin/<configuration>/<framework>/: publish with the same configuration as the program that asks.
        var baseDirectory = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory))!;
        var output = Path.Combine(baseDirectory, folder);
        string[] arguments = ["publish", Path.Combine(Repository.Root(), "tests", project, project + ".csproj"), "-c", configuration, "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "-nologo", .. properties];
        var (exitCode, printed) = await Command.RunAsync(baseDirectory, new Dictionary<string, string>(), timeout, DotnetHost.Path, arguments);
        var published = Path.Combine(output, file);
        return exitCode == 0 && File.Exists(published)
            ? published
            : throw new InvalidOperationException($"The publish of {project} failed with exit code {exitCode}:{Environment.NewLine}{printed}");
    }
}
