using System.Diagnostics;
using Mesos.Hosting.Testing;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The executor SDK in real executor processes, started by the local cluster's agents for a real scheduler.</summary>
public sealed class ExecutorDriverTests
{
    [Fact]
    public async Task Tasks_run_to_their_end_with_running_first_and_every_update_acknowledged_by_the_agent()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("ok-1", "finish"), ("ok-2", "finish"), ("bad", "fail"));
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();

        await scenario.WaitForAsync(s => s.States("ok-1").Contains(TaskState.TaskFinished) && s.States("ok-2").Contains(TaskState.TaskFinished) && s.States("bad").Contains(TaskState.TaskFailed), "every task to end");
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskFinished], scenario.States("ok-1"));
        Assert.Equal("done", scenario.Last("ok-1")!.Data.ToStringUtf8());
        Assert.Equal(TaskStatus.Types.Source.Executor, scenario.Last("ok-1")!.Source);
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskFailed], scenario.States("bad"));
        Assert.Equal("asked to fail", scenario.Last("bad")!.Message);
        Assert.Contains(scenario.Messages, m => m.StartsWith("ok-2 pid ", StringComparison.Ordinal));

        // Every UPDATE the executor sent was accepted and ACKNOWLEDGED; none is left for a resubscription.
        await cluster.Journal.WaitForAsync(j => j.ExecutorEvents.Count(e => e.Event.Type == Event.Types.Type.Acknowledged) == 6, TimeSpan.FromSeconds(30), "six ACKNOWLEDGED events");
        var updates = cluster.Journal.ExecutorCalls.Where(c => c.Call.Type == Call.Types.Type.Update).ToList();
        Assert.Equal(6, updates.Count);
        Assert.All(updates, u => Assert.Equal(202, u.StatusCode));
        Assert.Equal(6, updates.Select(u => u.Call.Update.Status.Uuid).Distinct().Count());
        await host.StopAsync();
    }

    [Fact]
    public async Task Kill_ends_a_running_task_with_task_killed()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("sleeper", "sleep"));
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();
        await scenario.WaitForStateAsync("sleeper", TaskState.TaskRunning);

        await host.Driver().KillTaskAsync(new TaskID { Value = "sleeper" });

        await scenario.WaitForStateAsync("sleeper", TaskState.TaskKilled);
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskKilled], scenario.States("sleeper"));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_executor_killed_mid_task_is_reported_lost_with_its_task_ended()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("victim", "sleep"));
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();
        await scenario.WaitForAsync(s => s.States("victim").Contains(TaskState.TaskRunning) && s.Messages.Any(m => m.StartsWith("victim pid ", StringComparison.Ordinal)), "the task to run");

        using (var executor = Process.GetProcessById(scenario.ExecutorPid("victim")))
        {
            executor.Kill();
        }

        await scenario.WaitForAsync(s => s.ExecutorsLost.Any(e => e.ExecutorId == ScenarioScheduler.ExecutorId) && s.Last("victim") is { } last && Wire.MesosTaskStates.IsTerminal(last.State), "the executor lost and its task ended");
        Assert.Contains(scenario.Last("victim")!.State, new[] { TaskState.TaskFailed, TaskState.TaskLost, TaskState.TaskGone });
        await host.StopAsync();
    }

    [Fact]
    public async Task Shutdown_kills_the_tasks_and_the_executor_exits_on_its_own_within_the_grace_period()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { ExecutorShutdownGracePeriod = TimeSpan.FromSeconds(10) });
        var scenario = new ExecutorScenario(("a", "sleep"), ("b", "sleep"));
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();
        await scenario.WaitForAsync(s => s.States("a").Contains(TaskState.TaskRunning) && s.States("b").Contains(TaskState.TaskRunning), "both tasks to run");
        var agent = scenario.Last("a")!.AgentId;

        await host.Driver().ShutdownExecutorAsync(new ExecutorID { Value = ScenarioScheduler.ExecutorId }, agent);

        // Exit status 0: the process ended itself; the agent's kill at the end of the grace period would show as a signal.
        await scenario.WaitForAsync(s => !s.ExecutorsLost.IsEmpty, "the executor to exit");
        Assert.Equal(0, scenario.ExecutorsLost.Single().Status);
        await scenario.WaitForAsync(s => s.States("a").Contains(TaskState.TaskKilled) && s.States("b").Contains(TaskState.TaskKilled), "both tasks killed");
        var shutdownAt = cluster.Journal.ExecutorEvents.Single(e => e.Event.Type == Event.Types.Type.Shutdown).At;
        var killedUpdates = cluster.Journal.ExecutorCalls.Where(c => c.Call.Type == Call.Types.Type.Update && c.Call.Update.Status.State == TaskState.TaskKilled).ToList();
        Assert.Equal(2, killedUpdates.Count);
        Assert.All(killedUpdates, u => Assert.True(u.At >= shutdownAt));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_checkpointing_executor_outlives_an_agent_restart_and_resends_what_was_not_acknowledged()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        var signal = Path.Combine(Path.GetTempPath(), $"finish-{Guid.NewGuid():N}");
        var scenario = new ExecutorScenario(("survivor", $"finish-when:{signal}"));
        using var host = ExecutorHost.Scheduler(cluster, scenario, checkpoint: true);
        await host.StartAsync();
        await scenario.WaitForAsync(s => s.States("survivor").Contains(TaskState.TaskRunning) && s.Messages.Any(m => m.StartsWith("survivor pid ", StringComparison.Ordinal)), "the task to run");
        await cluster.Journal.WaitForAsync(j => j.ExecutorEvents.Any(e => e.Event.Type == Event.Types.Type.Acknowledged), TimeSpan.FromSeconds(30), "TASK_RUNNING acknowledged");
        var pid = scenario.ExecutorPid("survivor");

        // The task finishes while its agent is down: the update cannot be delivered, and must not be lost.
        await cluster.StopAgentAsync(0);
        await File.WriteAllTextAsync(signal, "go");
        try
        {
            await cluster.StartAgentAsync(0);
            await scenario.WaitForStateAsync("survivor", TaskState.TaskFinished);
        }
        finally
        {
            File.Delete(signal);
        }

        var resubscribe = cluster.Journal.ExecutorCalls.Where(c => c.Call.Type == Call.Types.Type.Subscribe).Skip(1).ToList();
        Assert.NotEmpty(resubscribe);
        Assert.Contains(resubscribe, s => s.Call.Subscribe.UnacknowledgedUpdates.Any(u => u.Status.State == TaskState.TaskFinished));
        Assert.Equal("done", scenario.Last("survivor")!.Data.ToStringUtf8());

        // The same process carried on: the executor was not relaunched.
        Assert.DoesNotContain(scenario.Messages, m => m.StartsWith("survivor pid ", StringComparison.Ordinal) && !m.EndsWith($" {pid}", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task With_executor_authentication_every_call_carries_the_agents_token()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { AuthenticateExecutors = true });
        var scenario = new ExecutorScenario(("authenticated", "finish"));
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();

        await scenario.WaitForStateAsync("authenticated", TaskState.TaskFinished);
        Assert.All(cluster.Journal.ExecutorCalls, c => Assert.NotEqual(401, c.StatusCode));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_checkpointing_executor_whose_agent_never_returns_gives_up_after_the_recovery_timeout()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { RecoveryTimeout = TimeSpan.FromSeconds(3) });
        var scenario = new ExecutorScenario(("stranded", "sleep"));
        using var host = ExecutorHost.Scheduler(cluster, scenario, checkpoint: true);
        await host.StartAsync();
        await scenario.WaitForAsync(s => s.Messages.Any(m => m.StartsWith("stranded pid ", StringComparison.Ordinal)), "the task to run");
        using var executor = Process.GetProcessById(scenario.ExecutorPid("stranded"));

        await cluster.StopAgentAsync(0);

        // Its agent gone for good, the executor shuts down on its own once MESOS_RECOVERY_TIMEOUT has passed.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await executor.WaitForExitAsync(deadline.Token);
        Assert.True(executor.HasExited);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_executor_set_to_json_speaks_json_to_its_agent()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("in-json", "finish"));
        scenario.ExecutorEnvironment["Mesos__Executor__ContentType"] = "application/json";
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();

        await scenario.WaitForStateAsync("in-json", TaskState.TaskFinished);
        Assert.Equal("done", scenario.Last("in-json")!.Data.ToStringUtf8());
        await host.StopAsync();
    }

    [Fact]
    public async Task An_executor_given_an_unknown_content_type_refuses_to_start_and_its_task_fails()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("misconfigured", "finish"));
        scenario.ExecutorEnvironment["Mesos__Executor__ContentType"] = "text/plain";
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();

        // The same setting that makes the JSON test speak JSON: here it stops the executor at start.
        await scenario.WaitForAsync(s => s.Last("misconfigured") is { } last && Wire.MesosTaskStates.IsTerminal(last.State), "the task to end");
        Assert.NotEqual(TaskState.TaskFinished, scenario.Last("misconfigured")!.State);
        Assert.DoesNotContain(TaskState.TaskRunning, scenario.States("misconfigured"));
        await host.StopAsync();
    }
}
