using static Mesos.Hosting.Testing.Tests.ToolProcesses;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>mesos-local's operator commands against a running mesos-local, as a user types them.</summary>
public sealed class MesosLocalCommandTests
{
    [Fact]
    public async Task Frameworks_tasks_and_agents_are_listed_and_teardown_removes_a_framework_and_its_processes()
    {
        using var cluster = StartTool("--port", "0", "--agent-port", "0", "--agent", "hostname=node-a|resources=cpus:2;mem:1024");
        var master = await ReadLineStartingAsync(cluster, "mesos-local: master at ");
        var sandboxes = await ReadLineStartingAsync(cluster, "mesos-local: sandboxes under ");
        await using var scheduler = new RawScheduler(new Uri(master));
        var subscription = await scheduler.SubscribeAsync(RawScheduler.Framework(name: "listed", failoverTimeout: 300));
        var offer = (await subscription.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "sleeper", "echo $$ > pid; exec sleep 60")]);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskRunning);
        var pidFile = await FindFileAsync(sandboxes, "pid");
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var (frameworks, _, _) = await RunAsync("frameworks", "--master", master);
        var (tasks, _, _) = await RunAsync("tasks", "--master", master);
        var (agents, _, _) = await RunAsync("agents", "--master", master);
        var (torn, errors, exitCode) = await RunAsync("teardown", scheduler.FrameworkId, "--master", master);

        Assert.Matches($@"(?m)^{scheduler.FrameworkId}\s+listed\s+\*\s+connected\s+1$", frameworks);
        Assert.Matches($@"(?m)^sleeper\s+{scheduler.FrameworkId}\s+\S+\s+TASK_RUNNING$", tasks);
        Assert.Matches(@"(?m)^\S+-S0\s+node-a\s+yes\s+cpus:2; mem:1024$", agents);
        Assert.True(exitCode == 0, errors);
        Assert.Contains($"mesos-local: framework {scheduler.FrameworkId} torn down", torn, StringComparison.Ordinal);
        await OsConditions.WaitAsync(() => Task.FromResult(!OsConditions.ProcessExists(pid)), $"the task's process {pid} gone");
        var (after, _, _) = await RunAsync("frameworks", "--master", master);
        Assert.Matches($@"(?m)^{scheduler.FrameworkId}\s+listed\s+completed\s+0$", after);

        Signal(cluster.Id, 15);
        await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Teardown_of_a_framework_the_master_does_not_know_fails_with_its_answer()
    {
        using var cluster = StartTool("--port", "0", "--agent-port", "0", "--agents", "0");
        var master = await ReadLineStartingAsync(cluster, "mesos-local: master at ");

        var (_, errors, exitCode) = await RunAsync("teardown", "no-such-framework", "--master", master);

        Assert.Equal(1, exitCode);
        Assert.Contains("No framework found with specified ID", errors, StringComparison.Ordinal);
        Signal(cluster.Id, 15);
        await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static async Task<(string Output, string Errors, int ExitCode)> RunAsync(params string[] args)
    {
        using var command = StartTool(args);
        var output = command.StandardOutput.ReadToEndAsync();
        var errors = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (await output, await errors, command.ExitCode);
    }

    private static async Task<string> FindFileAsync(string folder, string name)
    {
        string? found = null;
        await OsConditions.WaitAsync(() => Task.FromResult((found = Directory.EnumerateFiles(folder, name, SearchOption.AllDirectories).FirstOrDefault(f => new System.IO.FileInfo(f).Length > 0)) is not null), $"the task's {name} file");
        return found!;
    }
}
