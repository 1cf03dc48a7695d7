namespace MyFramework;

/// <summary>
/// MyFramework.Executor as this solution builds it, for a local cluster's agents to start: a JIT-compiled program, so
/// that a local run waits for no native publish. The tests compile this file too.
/// </summary>
internal static class ExecutorBuild
{
    private const string ProjectName = "MyFramework.Executor";

    /// <summary>
    /// The executor's own build output, which holds everything it loads (this program's does not: it runs on ASP.NET
    /// Core's shared framework, the executor on .NET's alone). Built with this program's configuration and framework:
    /// <c>&lt;solution&gt;/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;framework&gt;/</c>.
    /// </summary>
    public static string Dll { get; } = Locate();

    /// <summary>The shell command that starts it under the dotnet host running this program.</summary>
    public static string Command => $"\"{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"}\" \"{Dll}\"";

    private static string Locate()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent!;
        var solution = configuration.Parent!.Parent!.Parent!;
        var dll = Path.Combine(solution.FullName, ProjectName, "bin", configuration.Name, output.Name, ProjectName + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{ProjectName} is not built where this program expects it (build the solution, or name the executor with --Work:ExecutorCommand)", dll);
    }
}
