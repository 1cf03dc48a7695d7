using System.Net;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The agent's executor API (§7, items 31–37) with the test playing the launched executor.</summary>
public sealed class ExecutorApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private LocalMesosCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
    {
        ExecutorShutdownGracePeriod = TimeSpan.FromMilliseconds(500),
        ExecutorReregistrationTimeout = TimeSpan.FromMilliseconds(800),
        StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(300),
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_executor_gets_the_environment_mesos_gives()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var asked = DateTimeOffset.UtcNow;
        var env = await LaunchWithExecutorAsync(_cluster, scheduler, "env-check", checkpoint: true);
        var started = DateTimeOffset.UtcNow;
        var captured = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "executor-env.txt")).Select(l => l.Split('=', 2)[0]);

        Assert.All(captured, name => Assert.True(env.ContainsKey(name), $"{name} is missing"));
        Assert.Equal("1", env["MESOS_CHECKPOINT"]);
        Assert.Equal("500ms", env["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"]);
        Assert.Equal("15mins", env["MESOS_RECOVERY_TIMEOUT"]);
        Assert.Equal("800ms", env["MESOS_SUBSCRIPTION_BACKOFF_MAX"]);
        Assert.Equal($"127.0.0.1:{_cluster.AgentUris[0].Port}", env["MESOS_AGENT_ENDPOINT"]);
        Assert.Equal($"slave(1)@127.0.0.1:{_cluster.AgentUris[0].Port}", env["MESOS_SLAVE_PID"]);
        Assert.Equal(_cluster.AgentIds[0], env["MESOS_SLAVE_ID"]);
        Assert.Equal(scheduler.FrameworkId, env["MESOS_FRAMEWORK_ID"]);
        Assert.Equal("env-check", env["MESOS_EXECUTOR_ID"]);
        Assert.Equal(env["MESOS_DIRECTORY"], env["MESOS_SANDBOX"]);
        Assert.Equal("0", env["MESOS_HTTP_COMMAND_EXECUTOR"]);
        Assert.Equal("from-command-info", env["CUSTOM_VARIABLE"]);

        // And the SDK's reading of it agrees.
        var parsed = Mesos.Hosting.Executor.MesosExecutorEnvironment.Read(env.ToDictionary(e => e.Key, e => (string?)e.Value));
        Assert.Equal(_cluster.AgentUris[0], parsed.AgentEndpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(500), parsed.ShutdownGracePeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(800), parsed.SubscriptionBackoffMax);

        // The journal has the executor's process from the moment the agent started it.
        var launch = Assert.Single(_cluster.Journal.ExecutorLaunches, l => l.ExecutorId == "env-check");
        Assert.Equal(_cluster.AgentIds[0], launch.AgentId);
        Assert.True(launch.ProcessId > 0, $"process {launch.ProcessId}");
        Assert.InRange(launch.At, asked, started);
    }

    [Fact]
    public async Task A_subscription_gets_subscribed_then_the_queued_launch_and_no_stream_id()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e1"));

        using var response = await executor.SubscribeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mesos-Stream-Id"));
        Assert.Equal(MesosContentTypes.Json, response.Content.Headers.ContentType!.ToString());
        var subscribed = await executor.NextAsync();
        Assert.Equal(ExecutorEvent.Types.Type.Subscribed, subscribed.Type);
        Assert.Equal("e1", subscribed.Subscribed.ExecutorInfo.ExecutorId.Value);
        Assert.Equal(scheduler.FrameworkId, subscribed.Subscribed.FrameworkInfo.Id.Value);
        Assert.Equal(_cluster.AgentIds[0], subscribed.Subscribed.AgentInfo.Id.Value);
        Assert.NotNull(subscribed.Subscribed.ContainerId);
        var launch = await executor.NextAsync();
        Assert.Equal(ExecutorEvent.Types.Type.Launch, launch.Type);
        Assert.Equal("e1-task", launch.Launch.Task.TaskId.Value);
    }

    [Fact]
    public async Task An_update_is_acknowledged_by_the_agent_and_reaches_the_scheduler_with_its_uuid()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e2"));
        await executor.SubscribeAsync();
        var task = (await executor.NextAsync(ExecutorEvent.Types.Type.Launch)).Launch.Task;
        var uuid = MesosUuid.NewBytes();

        using var response = await executor.UpdateAsync(task.TaskId, TaskState.TaskRunning, uuid);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var acknowledged = (await executor.NextAsync(ExecutorEvent.Types.Type.Acknowledged)).Acknowledged;
        Assert.Equal(uuid, acknowledged.Uuid);
        Assert.Equal(task.TaskId, acknowledged.TaskId);
        var update = (await scheduler.Subscription!.NextAsync(Event.Types.Type.Update)).Update.Status;
        Assert.Equal(uuid, update.Uuid);
        Assert.Equal(TaskStatus.Types.Source.Executor, update.Source);
        Assert.Equal(_cluster.AgentIds[0], update.AgentId.Value);
    }

    [Fact]
    public async Task A_reconciliation_answer_is_built_from_the_task_state_alone_as_mesos_builds_it()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e9"));
        await executor.SubscribeAsync();
        var task = (await executor.NextAsync(ExecutorEvent.Types.Type.Launch)).Launch.Task;
        using var finished = await executor.SendAsync(Update(executor, task.TaskId, s =>
        {
            s.State = TaskState.TaskFinished;
            s.Data = Google.Protobuf.ByteString.CopyFromUtf8("the result");
            s.Labels = new Labels { Labels_ = { new Label { Key = "k", Value = "v" } } };
            s.Healthy = true;
            s.ContainerStatus = new ContainerStatus { ExecutorPid = 4242 };
        }));
        Assert.Equal(HttpStatusCode.Accepted, finished.StatusCode);
        var update = (await scheduler.Subscription!.NextAsync(Event.Types.Type.Update)).Update.Status;
        Assert.Equal("the result", update.Data.ToStringUtf8());

        // Not acknowledged, so the master still knows the task when asked about it.
        await scheduler.AcceptedAsync(new Call
        {
            Type = Call.Types.Type.Reconcile,
            Reconcile = new Call.Types.Reconcile { Tasks = { new Call.Types.Reconcile.Types.Task { TaskId = task.TaskId } } },
        });
        var answer = (await scheduler.Subscription.NextAsync(Wait, e => e.Update?.Status.Reason == TaskStatus.Types.Reason.Reconciliation)).Update.Status;

        Assert.Equal(TaskState.TaskFinished, answer.State);
        Assert.Equal(TaskStatus.Types.Source.Master, answer.Source);
        Assert.Equal("Reconciliation: Latest task state", answer.Message);
        Assert.False(answer.HasUuid);
        Assert.True(answer.Data.IsEmpty, "Mesos's answer carries no data");
        Assert.Null(answer.Labels);
        Assert.Equal("e9", answer.ExecutorId.Value);
        Assert.Equal(_cluster.AgentIds[0], answer.AgentId.Value);
        Assert.True(answer.Healthy);
        Assert.Equal(4242u, answer.ContainerStatus.ExecutorPid);
        Assert.True(answer.HasTimestamp);
    }

    [Fact]
    public async Task Invalid_updates_are_refused_with_mesos_reasons()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e3"));
        await executor.SubscribeAsync();
        var taskId = MesosId.Of<TaskID>("e3-task");

        await AssertRefused(executor, Update(executor, taskId, s => s.ClearUuid()), "Expecting 'uuid' to be present");
        await AssertRefused(executor, Update(executor, taskId, s => s.Source = TaskStatus.Types.Source.Agent), "with invalid source, expecting 'SOURCE_EXECUTOR'");
        await AssertRefused(executor, Update(executor, taskId, s => s.State = TaskState.TaskStaging), "Received TASK_STAGING from executor e3");
        await AssertRefused(executor, Update(executor, taskId, s => s.ExecutorId = MesosId.Of<ExecutorID>("other")), "does not match ExecutorID in TaskStatus: other");
        await AssertRefused(executor, Update(executor, taskId, s => s.Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()[..15])), "Not a valid UUID");
    }

    [Fact]
    public async Task Calls_before_subscribing_and_for_unknown_ids_are_refused_and_heartbeats_always_pass()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e4"));

        using (var early = await executor.UpdateAsync(MesosId.Of<TaskID>("e4-task"), TaskState.TaskRunning))
        {
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
            Assert.Equal("Executor is not subscribed", await early.Content.ReadAsStringAsync());
        }

        var unknownExecutor = executor.Call(ExecutorCall.Types.Type.Message);
        unknownExecutor.ExecutorId = MesosId.Of<ExecutorID>("nobody");
        unknownExecutor.Message = new ExecutorCall.Types.Message { Data = ByteString.CopyFromUtf8("x") };
        using (var response = await executor.SendAsync(unknownExecutor))
        {
            Assert.Equal("Executor cannot be found", await response.Content.ReadAsStringAsync());
        }

        unknownExecutor.FrameworkId = MesosId.Of<FrameworkID>("nobody");
        using (var response = await executor.SendAsync(unknownExecutor))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("Framework cannot be found", await response.Content.ReadAsStringAsync());
        }

        var heartbeat = new ExecutorCall { Type = ExecutorCall.Types.Type.Heartbeat, FrameworkId = MesosId.Of<FrameworkID>("unused"), ExecutorId = MesosId.Of<ExecutorID>("unused") };
        using var beat = await executor.SendAsync(heartbeat);
        Assert.Equal(HttpStatusCode.Accepted, beat.StatusCode);
    }

    [Fact]
    public async Task A_second_subscription_replaces_the_first()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var env = await LaunchWithExecutorAsync(_cluster, scheduler, "e5");
        await using var first = new RawExecutor(env);
        await first.SubscribeAsync();
        await first.NextAsync(ExecutorEvent.Types.Type.Launch);
        await using var second = new RawExecutor(env, MesosCodec.Protobuf);

        using var response = await second.SubscribeAsync();

        Assert.Equal(MesosContentTypes.Protobuf, response.Content.Headers.ContentType!.ToString());
        await first.Ended.WaitAsync(Wait);
        Assert.Equal(ExecutorEvent.Types.Type.Subscribed, (await second.NextAsync()).Type);
    }

    [Fact]
    public async Task Messages_travel_both_ways_and_kills_reach_the_executor()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e6"));
        await executor.SubscribeAsync();
        var task = (await executor.NextAsync(ExecutorEvent.Types.Type.Launch)).Launch.Task;

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Message, Message = new Call.Types.Message { AgentId = task.AgentId, ExecutorId = MesosId.Of<ExecutorID>("e6"), Data = ByteString.CopyFromUtf8("to executor") } });
        Assert.Equal("to executor", (await executor.NextAsync(ExecutorEvent.Types.Type.Message)).Message.Data.ToStringUtf8());

        var message = executor.Call(ExecutorCall.Types.Type.Message);
        message.Message = new ExecutorCall.Types.Message { Data = ByteString.CopyFromUtf8("to scheduler") };
        using (var sent = await executor.SendAsync(message))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var received = (await scheduler.Subscription!.NextAsync(Event.Types.Type.Message)).Message;
        Assert.Equal("to scheduler", received.Data.ToStringUtf8());
        Assert.Equal("e6", received.ExecutorId.Value);

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = task.TaskId } });
        Assert.Equal(task.TaskId, (await executor.NextAsync(ExecutorEvent.Types.Type.Kill)).Kill.TaskId);
    }

    [Fact]
    public async Task Shutdown_is_sent_and_an_executor_that_stays_is_killed_after_the_grace_period()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await using var executor = new RawExecutor(await LaunchWithExecutorAsync(_cluster, scheduler, "e7"));
        await executor.SubscribeAsync();
        var task = (await executor.NextAsync(ExecutorEvent.Types.Type.Launch)).Launch.Task;

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Shutdown, Shutdown = new Call.Types.Shutdown { ExecutorId = MesosId.Of<ExecutorID>("e7"), AgentId = task.AgentId } });

        await executor.NextAsync(ExecutorEvent.Types.Type.Shutdown);
        var lost = (await scheduler.Subscription!.NextAsync(Wait, e => task.TaskId.Equals(e.Update?.Status.TaskId))).Update.Status;
        Assert.Equal(TaskState.TaskLost, lost.State);
        Assert.Equal(TaskStatus.Types.Reason.ExecutorTerminated, lost.Reason);
        Assert.Equal(TaskStatus.Types.Source.Agent, lost.Source);
        Assert.True(lost.HasUuid);
        var failure = (await scheduler.Subscription.NextAsync(Event.Types.Type.Failure)).Failure;
        Assert.Equal("e7", failure.ExecutorId.Value);
        Assert.Equal(9, failure.Status);
    }

    [Fact]
    public async Task Executors_that_exit_at_once_lose_every_task_they_were_launched_with()
    {
        // A process can end before the launch that started it has queued its task: the task must still be lost.
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var tasks = Enumerable.Range(0, 4).Select(i =>
        {
            var task = RawScheduler.ShellTask(offer, $"instant-{i}", "unused");
            task.Command = null;
            task.Executor = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>($"instant-{i}"), Command = new CommandInfo { Value = "exit 3" } };
            return task;
        }).ToList();

        await scheduler.LaunchAsync(offer, tasks);

        // The updates go unacknowledged, so the agent re-sends each one, first after 300 ms: a repeat is that update again, same UUID.
        var lost = new Dictionary<string, TaskStatus>();
        while (lost.Count < tasks.Count)
        {
            var status = (await stream.NextAsync(Wait, e => e.Update?.Status.TaskId.Value.StartsWith("instant-", StringComparison.Ordinal) == true)).Update.Status;
            if (lost.TryGetValue(status.TaskId.Value, out var first))
            {
                Assert.Equal(first.Uuid, status.Uuid);
            }

            lost[status.TaskId.Value] = status;
        }

        Assert.Equal(tasks.Select(t => t.TaskId.Value).Order(), lost.Keys.Order());
        Assert.All(lost.Values, s => Assert.Equal((TaskState.TaskLost, TaskStatus.Types.Reason.ExecutorTerminated, TaskStatus.Types.Source.Agent), (s.State, s.Reason, s.Source)));
    }

    [Fact]
    public async Task An_executor_that_never_subscribes_is_destroyed_at_the_registration_timeout()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { ExecutorRegistrationTimeout = TimeSpan.FromMilliseconds(500) });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        await LaunchWithExecutorAsync(cluster, scheduler, "silent");

        var lost = (await scheduler.Subscription!.NextAsync(Event.Types.Type.Update)).Update.Status;

        Assert.Equal(TaskState.TaskLost, lost.State);
        Assert.Equal(TaskStatus.Types.Reason.ExecutorRegistrationTimeout, lost.Reason);
    }

    [Fact]
    public async Task After_an_agent_restart_executors_resubscribe_while_other_calls_wait_for_recovery()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var env = await LaunchWithExecutorAsync(_cluster, scheduler, "e8", checkpoint: true);
        await using (var before = new RawExecutor(env))
        {
            await before.SubscribeAsync();
            await before.NextAsync(ExecutorEvent.Types.Type.Launch);
        }

        await _cluster.StopAgentAsync(0);
        await _cluster.StartAgentAsync(0);
        await using var after = new RawExecutor(env);

        using (var update = await after.UpdateAsync(MesosId.Of<TaskID>("e8-task"), TaskState.TaskRunning))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, update.StatusCode);
            Assert.Equal("Agent has not finished recovery", await update.Content.ReadAsStringAsync());
        }

        using var subscribed = await after.SubscribeAsync();
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        Assert.Equal(ExecutorEvent.Types.Type.Subscribed, (await after.NextAsync()).Type);

        // The task was launched but never reported, and the executor did not list it: lost across the restart.
        var lost = (await scheduler.Subscription!.NextAsync(Event.Types.Type.Update)).Update.Status;
        Assert.Equal(TaskState.TaskLost, lost.State);
        Assert.Equal(TaskStatus.Types.Reason.AgentRestarted, lost.Reason);
    }

    [Fact]
    public async Task A_checkpointed_executor_that_does_not_come_back_is_destroyed_after_the_reregistration_timeout()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var env = await LaunchWithExecutorAsync(_cluster, scheduler, "e9", checkpoint: true);
        await using (var before = new RawExecutor(env))
        {
            await before.SubscribeAsync();
            await before.NextAsync(ExecutorEvent.Types.Type.Launch);
        }

        await _cluster.RestartAgentAsync(0);

        var lost = (await scheduler.Subscription!.NextAsync(Event.Types.Type.Update)).Update.Status;
        Assert.Equal(TaskStatus.Types.Reason.ExecutorReregistrationTimeout, lost.Reason);
        Assert.Equal("e9", (await scheduler.Subscription.NextAsync(Event.Types.Type.Failure)).Failure.ExecutorId.Value);
    }

    internal static async Task<Dictionary<string, string>> LaunchWithExecutorAsync(LocalMesosCluster cluster, RawScheduler scheduler, string executorId, bool checkpoint = false)
    {
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(checkpoint: checkpoint));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var task = RawScheduler.ShellTask(offer, executorId + "-task", "unused");
        task.Command = null;
        task.Executor = new ExecutorInfo
        {
            ExecutorId = MesosId.Of<ExecutorID>(executorId),
            Command = new CommandInfo
            {
                Value = "env > env.txt; exec sleep 600",
                Environment = new Mesos.V1.Environment { Variables = { new Mesos.V1.Environment.Types.Variable { Name = "CUSTOM_VARIABLE", Value = "from-command-info" } } },
            },
        };
        await scheduler.LaunchAsync(offer, [task]);
        return await RawExecutor.EnvironmentOfAsync(cluster, executorId);
    }

    private static ExecutorCall Update(RawExecutor executor, TaskID taskId, Action<TaskStatus> change)
    {
        var call = executor.Call(ExecutorCall.Types.Type.Update);
        call.Update = new ExecutorCall.Types.Update { Status = new TaskStatus { TaskId = taskId, State = TaskState.TaskRunning, Source = TaskStatus.Types.Source.Executor, Uuid = MesosUuid.NewBytes() } };
        change(call.Update.Status);
        return call;
    }

    private static async Task AssertRefused(RawExecutor executor, ExecutorCall call, string reason)
    {
        using var response = await executor.SendAsync(call);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Failed to validate Executor::Call: ", body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }
}
