using System.Reflection;

namespace Mesos.Hosting.Executor;

/// <summary>
/// How an agent starts this very program as an executor: the usual shape of a .NET framework, whose one
/// program is the scheduler when started by hand and the executor when an agent starts it.
/// </summary>
public static class MesosExecutorCommand
{
    /// <summary>
    /// A shell command line that starts this program: <c>"dotnet" "Program.dll"</c> when it runs under the
    /// dotnet host, its own executable when it runs through its apphost (as <c>dotnet run</c> does).
    /// Meant for agents on this machine (a local cluster); in a container, name the image's entry point instead.
    /// </summary>
    public static string ThisProgram()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown, so an agent could not start it; name the executor's command explicitly.");
        var underDotnetHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        // From the base directory, not Assembly.Location: that is empty in a single-file or NativeAOT program (which is never run by dotnet).
        var entry = Assembly.GetEntryAssembly()?.GetName().Name is { } name ? Path.Combine(AppContext.BaseDirectory, name + ".dll") : null;
        return underDotnetHost && !string.IsNullOrEmpty(entry) ? $"\"{process}\" \"{entry}\"" : $"\"{process}\"";
    }
}
