using System.Diagnostics;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// A real scheduler process (tests/Mesos.Hosting.Scheduler.TestApp) stopped by an unrecoverable error: it must say so
/// once and exit non-zero, so that Marathon, systemd or Kubernetes see a failure and restart it.
/// </summary>
public sealed class ExitCodeTests
{
    private const string ProjectName = "Mesos.Hosting.Scheduler.TestApp";

    private static readonly string AppDll = Path.Combine(
        AppContext.BaseDirectory.Replace("Mesos.Hosting.HostilePeer.Tests", ProjectName, StringComparison.Ordinal), ProjectName + ".dll");

    private static readonly string Dotnet = DotnetHost.Path;

    [Fact]
    public async Task Unauthorized_ends_the_process_with_exit_code_1_and_one_line_saying_why()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("who are you");
        });

        var (exitCode, output) = await RunAsync(master.Uri);

        Assert.Equal(1, exitCode);
        var fatal = Assert.Single(output.Split('\n'), l => l.Contains("Unrecoverable Mesos error", StringComparison.Ordinal));
        Assert.EndsWith("Unrecoverable Mesos error: Mesos refused SUBSCRIBE with 401 Unauthorized: who are you", fatal.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_event_ends_the_process_with_exit_code_1()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await HostileMaster.SendAsync(context, new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework has been removed" } });
        });

        var (exitCode, output) = await RunAsync(master.Uri);

        Assert.Equal(1, exitCode);
        Assert.Contains("Unrecoverable Mesos error: Framework has been removed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_framework_id_that_cannot_be_stored_ends_the_process_with_exit_code_1()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await HostileServer.HoldAsync(context);
        });
        var notADirectory = Path.GetTempFileName();
        try
        {
            var (exitCode, output) = await RunAsync(master.Uri, $"--Mesos:Scheduler:FrameworkIdFile={notADirectory}/framework-id");

            Assert.Equal(1, exitCode);
            Assert.Contains("Unrecoverable Mesos error: Delivering events failed: ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notADirectory);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Uri master, params string[] settings)
    {
        var start = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppDll);
        start.ArgumentList.Add($"--Mesos:Scheduler:Master={master}");
        start.ArgumentList.Add("--Mesos:Scheduler:Framework:Name=exit-code-test");
        start.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        start.ArgumentList.Add("--Logging:Console:FormatterOptions:SingleLine=true");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The scheduler did not exit within a minute: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
