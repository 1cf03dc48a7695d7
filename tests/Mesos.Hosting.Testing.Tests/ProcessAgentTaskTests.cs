using Mesos.V1;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The task conformance tests on agents running real processes, and what only real processes have: output and exit statuses.</summary>
public sealed class ProcessAgentTaskTests : TaskConformanceTests
{
    protected override TaskSimulation? Simulation => null;

    [Fact]
    public async Task A_shell_task_writes_its_output_in_its_sandbox()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Mesos.V1.Scheduler.Event.Types.Type.Offers)).Offers.Offers_[0];

        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "hello", "echo hello from $MESOS_TASK_ID")]);

        await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskRunning);
        await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskFinished);
        var stdout = Directory.EnumerateFiles(Cluster.WorkDirectory, "stdout", SearchOption.AllDirectories).Single(f => f.Contains("/executors/hello/", StringComparison.Ordinal));
        Assert.Equal("hello from hello\n", await File.ReadAllTextAsync(stdout));
    }

    [Fact]
    public async Task A_failing_command_is_task_failed_with_its_exit_status()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Mesos.V1.Scheduler.Event.Types.Type.Offers)).Offers.Offers_[0];

        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "fails", "exit 3")]);

        await scheduler.AcknowledgeNextAsync("fails", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("fails", TaskState.TaskRunning);
        var failed = await scheduler.AcknowledgeNextAsync("fails", TaskState.TaskFailed);
        Assert.Equal("Command exited with status 3", failed.Message);
    }
}
