using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>
/// The task conformance tests on simulated agents, whose rule reads the shell commands the shared tests launch
/// (<c>sleep 600</c> runs until killed, <c>exit N</c> fails, anything else finishes), and what the rule decides.
/// </summary>
public sealed class SimulatedAgentTaskTests : TaskConformanceTests
{
    protected override TaskSimulation? Simulation { get; } = new() { Outcome = AsItsCommandWould };

    [Fact]
    public async Task The_rule_ends_tasks_failed_or_killed_and_a_failure_carries_the_command_executors_reason()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];

        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "fails", "exit 3"), RawScheduler.ShellTask(offer, "signalled", "kill -9 $$")]);

        foreach (var task in new[] { "fails", "signalled" })
        {
            await scheduler.AcknowledgeNextAsync(task, TaskState.TaskStarting);
            await scheduler.AcknowledgeNextAsync(task, TaskState.TaskRunning);
        }

        var failed = await scheduler.AcknowledgeNextAsync("fails", TaskState.TaskFailed);
        Assert.Equal(TaskStatus.Types.Reason.CommandExecutorFailed, failed.Reason);
        Assert.Equal("Command exited with status 1", failed.Message);
        await scheduler.AcknowledgeNextAsync("signalled", TaskState.TaskKilled);
        await Cluster.Journal.WaitForAsync(j => j.Acknowledgements.Count == 6, Wait, "six acknowledgements");
    }

    [Fact]
    public async Task A_task_of_a_custom_executor_runs_in_process_and_obeys_a_kill()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.TaskKillingState));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var task = RawScheduler.ShellTask(offer, "served", "sleep 600");
        task.Executor = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>("custom"), Command = new CommandInfo { Value = "sleep 600" } };
        task.Command = null;

        await scheduler.LaunchAsync(offer, [task]);
        await scheduler.AcknowledgeNextAsync("served", TaskState.TaskStarting);
        var running = await scheduler.AcknowledgeNextAsync("served", TaskState.TaskRunning);
        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = task.TaskId } });

        await scheduler.AcknowledgeNextAsync("served", TaskState.TaskKilling);
        var killed = await scheduler.AcknowledgeNextAsync("served", TaskState.TaskKilled);
        Assert.All(new[] { running, killed }, s =>
        {
            Assert.Equal("custom", s.ExecutorId.Value);
            Assert.Equal(TaskStatus.Types.Source.Executor, s.Source);
            Assert.Null(s.ContainerStatus);
        });
        Assert.Empty(Cluster.Journal.ExecutorCalls);
        Assert.Empty(Directory.EnumerateFiles(Cluster.WorkDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Shutting_a_custom_executor_down_kills_its_tasks_and_reports_its_end()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var task = RawScheduler.ShellTask(offer, "forever", "sleep 600");
        task.Executor = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>("custom"), Command = task.Command };
        task.Command = null;
        await scheduler.LaunchAsync(offer, [task]);
        await scheduler.AcknowledgeNextAsync("forever", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("forever", TaskState.TaskRunning);

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Shutdown, Shutdown = new Call.Types.Shutdown { ExecutorId = task.Executor.ExecutorId, AgentId = offer.AgentId } });

        await scheduler.AcknowledgeNextAsync("forever", TaskState.TaskKilled);
        var failure = (await stream.NextAsync(Wait, e => e.Type == Event.Types.Type.Failure)).Failure;
        Assert.Equal("custom", failure.ExecutorId.Value);
        Assert.Equal(0, failure.Status);
    }

    private static SimulatedOutcome AsItsCommandWould(TaskInfo task)
    {
        var command = task.Command?.Value ?? task.Executor?.Command?.Value ?? string.Empty;
        return command.Contains("sleep 600", StringComparison.Ordinal) ? SimulatedOutcome.RunsUntilKilled
            : command.StartsWith("exit ", StringComparison.Ordinal) ? SimulatedOutcome.Failed(TimeSpan.FromMilliseconds(20))
            : command.StartsWith("kill ", StringComparison.Ordinal) ? SimulatedOutcome.Killed(TimeSpan.FromMilliseconds(20))
            : SimulatedOutcome.Finished(TimeSpan.FromMilliseconds(20));
    }
}
