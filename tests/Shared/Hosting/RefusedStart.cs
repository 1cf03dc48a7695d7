using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.TestSupport.Hosting;

/// <summary>A host whose Mesos options are refused: it must stop by itself with exit code 2, as the SDK promises.</summary>
internal static class RefusedStart
{
    /// <summary>Starts <paramref name="host"/> and waits until it stopped by itself with exit code 2; the test process's exit code is reset.</summary>
    public static async Task StopsByItselfWithExitCode2Async(IHost host)
    {
        try
        {
            await host.StartAsync();
            await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }
}
