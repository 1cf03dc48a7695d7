using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Templates.Tests;

/// <summary>A step of the onboarding: a command that must exit 0.</summary>
internal static class SucceedingCommand
{
    /// <summary>Runs the command and fails the test, showing its output, unless it exits 0.</summary>
    public static async Task<string> RunAsync(string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string file, params string[] arguments)
    {
        var (exitCode, output) = await Command.RunAsync(directory, environment, timeout, file, arguments);
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)} in {directory} exited {exitCode}:\n{output}");
        return output;
    }
}
