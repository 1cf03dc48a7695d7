using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>Where the test executor program was built, and how an agent starts it.</summary>
internal static class TestApp
{
    private const string ProjectName = "Mesos.Hosting.Executor.TestApp";

    // Built beside this test project, with the same configuration: bin/<configuration>/<framework>/.
    public static string Dll { get; } = Path.Combine(
        AppContext.BaseDirectory.Replace("Mesos.Hosting.Executor.Tests", ProjectName, StringComparison.Ordinal), ProjectName + ".dll");

    /// <summary>samples/MonteCarloPi, built by its own project with the same configuration; it logs through Serilog.</summary>
    public static string SampleDll { get; } = Path.Combine(
        AppContext.BaseDirectory.Replace(Path.Combine("tests", "Mesos.Hosting.Executor.Tests"), Path.Combine("samples", "MonteCarloPi"), StringComparison.Ordinal), "MonteCarloPi.dll");

    public static string Dotnet => DotnetHost.Path;

    public static string Command => $"\"{Dotnet}\" \"{Dll}\"";
}
