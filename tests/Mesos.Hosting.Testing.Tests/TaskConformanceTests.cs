using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>
/// Tasks on the local cluster: launches, updates and acknowledgements, kills, reconciliation (§7, items 25–28), the
/// same protocol whether agents run tasks as real processes (<see cref="ProcessAgentTaskTests"/>) or simulate them
/// (<see cref="SimulatedAgentTaskTests"/>).
/// </summary>
public abstract class TaskConformanceTests : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    protected LocalMesosCluster Cluster { get; private set; } = null!;

    /// <summary>Null for agents running real processes.</summary>
    protected abstract TaskSimulation? Simulation { get; }

    public async Task InitializeAsync() => Cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
    {
        Agents = 3,
        StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(300),
        StatusUpdateRetryMax = TimeSpan.FromSeconds(1),
        Simulation = Simulation,
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    [Fact]
    public async Task A_shell_task_runs_starting_running_finished_with_every_field_the_agent_sets()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri, MesosCodec.Json);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];

        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "hello", "echo hello from $MESOS_TASK_ID")]);

        var starting = await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskStarting);
        var running = await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskRunning);
        var finished = await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskFinished);
        Assert.All(new[] { starting, running, finished }, s =>
        {
            Assert.True(MesosUuid.IsValid(s.Uuid.Span));
            Assert.Equal(TaskStatus.Types.Source.Executor, s.Source);
            Assert.Equal("hello", s.ExecutorId.Value);
            Assert.Equal(offer.AgentId, s.AgentId);
            Assert.True(s.Timestamp > 0);
            Assert.False(string.IsNullOrEmpty(s.ContainerStatus?.ContainerId?.Value));
        });
        Assert.Equal("Command exited with status 0", finished.Message);
        await Cluster.Journal.WaitForAsync(j => j.Acknowledgements.Count(a => a.TaskId == "hello") == 3, Wait, "three acknowledgements");
        Assert.Equal([TaskState.TaskStaging, TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskFinished], Cluster.Journal.TaskStates("hello"));
    }

    [Fact]
    public async Task An_unacknowledged_update_is_retried_and_holds_back_the_next()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "quick", "true")]);

        var first = (await stream.NextAsync(Wait, e => e.Update?.Status.TaskId.Value == "quick")).Update.Status;
        var retried = (await stream.NextAsync(Wait, e => e.Update?.Status.TaskId.Value == "quick")).Update.Status;

        Assert.Equal(TaskState.TaskStarting, first.State);
        Assert.Equal(first.Uuid, retried.Uuid);
        await scheduler.AcknowledgeAsync(first);
        await scheduler.AcknowledgeNextAsync("quick", TaskState.TaskRunning);
        await scheduler.AcknowledgeNextAsync("quick", TaskState.TaskFinished);
    }

    [Fact]
    public async Task Implicit_and_explicit_reconciliation_answer_without_uuids()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "sleeper", "sleep 600")]);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskRunning);

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() });
        var implicitAnswer = (await stream.NextAsync(Wait, e => e.Update?.Status.Reason == TaskStatus.Types.Reason.Reconciliation)).Update.Status;

        Assert.Equal(TaskState.TaskRunning, implicitAnswer.State);
        Assert.Equal(TaskStatus.Types.Source.Master, implicitAnswer.Source);
        Assert.Equal("Reconciliation: Latest task state", implicitAnswer.Message);
        Assert.False(implicitAnswer.HasUuid);

        var query = new Call.Types.Reconcile
        {
            Tasks =
            {
                new Call.Types.Reconcile.Types.Task { TaskId = MesosId.Of<TaskID>("nobody"), AgentId = MesosId.Of<AgentID>("no-such-agent") },
                new Call.Types.Reconcile.Types.Task { TaskId = MesosId.Of<TaskID>("sleeper") },
            },
        };
        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = query });
        var unknown = (await stream.NextAsync(Wait, e => e.Update?.Status.TaskId.Value == "nobody")).Update.Status;
        var known = (await stream.NextAsync(Wait, e => e.Update?.Status.TaskId.Value == "sleeper")).Update.Status;
        Assert.Equal(TaskState.TaskLost, unknown.State);
        Assert.False(unknown.HasUuid);
        Assert.Equal(TaskState.TaskRunning, known.State);
    }

    [Fact]
    public async Task Killing_an_unknown_task_answers_like_reconciliation()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = MesosId.Of<TaskID>("ghost") } });

        var answer = (await stream.NextAsync(Event.Types.Type.Update)).Update.Status;
        Assert.Equal("ghost", answer.TaskId.Value);
        Assert.Equal(TaskState.TaskLost, answer.State);
        Assert.Equal(TaskStatus.Types.Reason.Reconciliation, answer.Reason);
        Assert.False(answer.HasUuid);
    }

    [Fact]
    public async Task Killing_a_running_task_ends_its_process_as_task_killed()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.TaskKillingState));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "victim", "trap 'exit 0' TERM; sleep 600 & wait")]);
        await scheduler.AcknowledgeNextAsync("victim", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("victim", TaskState.TaskRunning);

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = MesosId.Of<TaskID>("victim") } });

        await scheduler.AcknowledgeNextAsync("victim", TaskState.TaskKilling);
        await scheduler.AcknowledgeNextAsync("victim", TaskState.TaskKilled);
    }

    [Fact]
    public async Task Invalid_tasks_get_task_error_and_the_offer_is_spent()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var greedy = RawScheduler.ShellTask(offer, "greedy", "true", cpus: 100);
        var twin = RawScheduler.ShellTask(offer, "twin", "true");
        var both = RawScheduler.ShellTask(offer, "both", "true");
        both.Executor = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>("e"), Command = new CommandInfo { Value = "true" } };

        await scheduler.LaunchAsync(offer, [greedy, twin, twin.Clone(), both]);

        var errors = new Dictionary<string, string>();
        while (errors.Count < 3)
        {
            var status = (await stream.NextAsync(Wait, e => e.Update?.Status.State == TaskState.TaskError)).Update.Status;
            Assert.False(status.HasUuid);
            errors[status.TaskId.Value] = status.Message;
        }

        Assert.StartsWith("Task uses more resources", errors["greedy"], StringComparison.Ordinal);
        Assert.Equal("Task has duplicate ID: twin", errors["twin"]);
        Assert.Equal("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present", errors["both"]);
        await scheduler.AcknowledgeNextAsync("twin", TaskState.TaskStarting);
    }

    // Agents make directories of task and executor IDs, and time kills and shutdowns by the framework's durations: Mesos's
    // master refuses what would escape the work directory or could not be timed (src/common/validation.cpp).
    [Fact]
    public async Task Tasks_with_ids_no_directory_can_have_or_negative_durations_get_task_error()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var tasks = new[] { "../escape", "a/b", "a\\b", "..", "bell\u0007", new string('x', 256), "hurried", "custom", "lingering" }
            .Select(id => RawScheduler.ShellTask(offer, id, "true", cpus: 0.01, mem: 1))
            .ToList();
        tasks[6].KillPolicy = new KillPolicy { GracePeriod = new DurationInfo { Nanoseconds = -1 } };
        tasks[7].Command = null;
        tasks[7].Executor = new ExecutorInfo
        {
            ExecutorId = MesosId.Of<ExecutorID>("../executor"),
            Command = new CommandInfo { Value = "true" },
        };
        tasks[8].Command = null;
        tasks[8].Executor = new ExecutorInfo
        {
            ExecutorId = MesosId.Of<ExecutorID>("lingering-executor"),
            Command = new CommandInfo { Value = "true" },
            ShutdownGracePeriod = new DurationInfo { Nanoseconds = -1 },
        };

        await scheduler.LaunchAsync(offer, tasks);

        var errors = new Dictionary<string, string>();
        while (errors.Count < tasks.Count)
        {
            var status = (await stream.NextAsync(Wait, e => e.Update?.Status.State == TaskState.TaskError)).Update.Status;
            Assert.Equal(TaskStatus.Types.Reason.TaskInvalid, status.Reason);
            errors[status.TaskId.Value] = status.Message;
        }

        Assert.Equal("'../escape' contains invalid characters", errors["../escape"]);
        Assert.Equal("'a/b' contains invalid characters", errors["a/b"]);
        Assert.Equal("'a\\b' contains invalid characters", errors["a\\b"]);
        Assert.Equal("'..' is disallowed", errors[".."]);
        Assert.Equal("'bell\u0007' contains invalid characters", errors["bell\u0007"]);
        Assert.Equal("ID must not be greater than 255 characters", errors[new string('x', 256)]);
        Assert.Equal("Task's 'kill_policy.grace_period' must be non-negative", errors["hurried"]);
        Assert.Equal("'../executor' contains invalid characters", errors["custom"]);
        Assert.Equal("ExecutorInfo's 'shutdown_grace_period' must be non-negative", errors["lingering"]);
    }

    // Mesos takes an executor without a type as CUSTOM in a LAUNCH, for the API before executor types; a task group's
    // executor must say its type. Its tasks are checked first, each error naming its task.
    [Fact]
    public async Task A_task_group_is_refused_for_its_tasks_first_then_for_an_executor_without_a_type()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var untyped = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>("untyped"), Command = new CommandInfo { Value = "true" } };
        var badTask = new TaskGroupInfo { Tasks = { RawScheduler.ShellTask(offer, "fine", "true", cpus: 0.01, mem: 1), RawScheduler.ShellTask(offer, "a/b", "true", cpus: 0.01, mem: 1) } };
        var fineTasks = new TaskGroupInfo { Tasks = { RawScheduler.ShellTask(offer, "g3", "true", cpus: 0.01, mem: 1) } };
        var accept = new Call.Types.Accept
        {
            OfferIds = { offer.Id },
            Operations =
            {
                new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.LaunchGroup, LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = untyped, TaskGroup = badTask } },
                new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.LaunchGroup, LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = untyped, TaskGroup = fineTasks } },
            },
        };

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept });

        var errors = new Dictionary<string, TaskStatus>();
        while (errors.Count < 3)
        {
            var status = (await stream.NextAsync(Wait, e => e.Update?.Status.State == TaskState.TaskError)).Update.Status;
            errors[status.TaskId.Value] = status;
        }

        Assert.All(errors.Values, s => Assert.Equal(TaskStatus.Types.Reason.TaskGroupInvalid, s.Reason));
        Assert.Equal("Task 'a/b' is invalid: 'a/b' contains invalid characters", errors["fine"].Message);
        Assert.Equal(errors["fine"].Message, errors["a/b"].Message);
        Assert.Equal("'ExecutorInfo.type' must be set", errors["g3"].Message);
    }

    [Fact]
    public async Task A_task_group_under_the_default_executor_runs_every_task()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var executor = new ExecutorInfo { Type = ExecutorInfo.Types.Type.Default, ExecutorId = MesosId.Of<ExecutorID>("group-executor") };
        executor.Resources.Add(RawScheduler.Scalar("cpus", 0.1, offer.AllocationInfo.Role));
        var group = new TaskGroupInfo { Tasks = { RawScheduler.ShellTask(offer, "g1", "true"), RawScheduler.ShellTask(offer, "g2", "true") } };
        var accept = new Call.Types.Accept
        {
            OfferIds = { offer.Id },
            Operations = { new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.LaunchGroup, LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = executor, TaskGroup = group } } },
        };

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept });

        foreach (var task in new[] { "g1", "g2" })
        {
            await scheduler.AcknowledgeNextAsync(task, TaskState.TaskStarting);
            await scheduler.AcknowledgeNextAsync(task, TaskState.TaskRunning);
            var finished = await scheduler.AcknowledgeNextAsync(task, TaskState.TaskFinished);
            Assert.Equal("group-executor", finished.ExecutorId.Value);
        }
    }

    [Fact]
    public async Task Removing_an_agent_rescinds_its_offers_loses_its_tasks_and_reports_the_agent()
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offers = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;
        var doomed = offers.Single(o => o.AgentId.Value == Cluster.AgentIds[0]);
        var kept = offers.First(o => o != doomed);
        await scheduler.LaunchAsync(doomed, [RawScheduler.ShellTask(doomed, "on-doomed-agent", "sleep 600", cpus: 1)], refuseSeconds: 3600);
        await scheduler.AcknowledgeNextAsync("on-doomed-agent", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("on-doomed-agent", TaskState.TaskRunning);

        await Cluster.RemoveAgentAsync(0);

        // The agent retries RUNNING every 300 ms until the acknowledgement reaches it: on a loaded machine a retry can
        // come before it, and that duplicate is the protocol's at-least-once, not a state the removal reported.
        var lost = (await stream.NextAsync(Wait, e => e.Update?.Status is { TaskId.Value: "on-doomed-agent", State: not TaskState.TaskRunning })).Update.Status;
        Assert.Equal(TaskState.TaskLost, lost.State);
        Assert.Equal(TaskStatus.Types.Reason.AgentRemoved, lost.Reason);
        var failure = (await stream.NextAsync(Event.Types.Type.Failure)).Failure;
        Assert.Equal(Cluster.AgentIds[0], failure.AgentId.Value);
        Assert.Null(failure.ExecutorId);
        Assert.NotEqual(kept.AgentId, doomed.AgentId);
    }

    [Fact]
    public async Task A_raw_framework_runs_one_hundred_tasks_on_three_agents()
    {
        await RunTasks(100, dropStreamAfter: null);
    }

    [Fact]
    public async Task A_raw_framework_that_loses_its_stream_midway_resubscribes_and_loses_nothing()
    {
        await RunTasks(100, dropStreamAfter: 40);
    }

    // Once the stream has dropped, calls fail until the framework resubscribes; Mesos redelivers what mattered.
    private static async Task<bool> Tolerant(Task call, bool streamDropped)
    {
        try
        {
            await call;
            return true;
        }
        catch (Xunit.Sdk.XunitException) when (streamDropped)
        {
            return false;
        }
    }

    private static double Amount(Offer offer, string name) => offer.Resources.Where(r => r.Name == name).Sum(r => r.Scalar.Value) + 1e-9;

    // A minimal framework: launch what fits, acknowledge everything with a uuid, resubscribe when the stream drops.
    private async Task RunTasks(int count, int? dropStreamAfter)
    {
        var pending = new Queue<string>(Enumerable.Range(0, count).Select(i => $"task-{i:D3}"));
        var finished = new HashSet<string>();
        var acknowledged = 0;
        var dropped = false;
        var scheduler = new RawScheduler(Cluster.MasterUri);
        var info = RawScheduler.Framework("hundred", failoverTimeout: 300);
        var stream = await scheduler.SubscribeAsync(info);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (finished.Count < count)
            {
                deadline.Token.ThrowIfCancellationRequested();
                Event evt;
                try
                {
                    evt = await stream.NextAsync(TimeSpan.FromSeconds(30));
                }
                catch (InvalidOperationException) when (dropped)
                {
                    // The stream ended: resubscribe with the same framework ID on a new connection.
                    var id = scheduler.FrameworkId;
                    await scheduler.DisposeAsync();
                    scheduler = new RawScheduler(Cluster.MasterUri);
                    stream = await scheduler.SubscribeAsync(SchedulerApiTests.WithId(info.Clone(), id));
                    Assert.Equal(id, scheduler.FrameworkId);
                    dropped = false;
                    continue;
                }

                switch (evt.Type)
                {
                    case Event.Types.Type.Offers:
                        foreach (var offer in evt.Offers.Offers_)
                        {
                            var tasks = new List<TaskInfo>();
                            var fits = (int)Math.Min(Amount(offer, "cpus") / 0.1, Amount(offer, "mem") / 32);
                            while (pending.Count > 0 && tasks.Count < Math.Min(fits, 10))
                            {
                                tasks.Add(RawScheduler.ShellTask(offer, pending.Dequeue(), "echo done"));
                            }

                            if (tasks.Count == 0)
                            {
                                await Tolerant(scheduler.DeclineAsync([offer.Id]), dropped);
                            }
                            else if (!await Tolerant(scheduler.LaunchAsync(offer, tasks), dropped))
                            {
                                tasks.ForEach(t => pending.Enqueue(t.TaskId.Value));
                            }
                        }

                        break;
                    case Event.Types.Type.Update:
                        var status = evt.Update.Status;
                        if (status.State is TaskState.TaskLost or TaskState.TaskError or TaskState.TaskFailed)
                        {
                            Assert.Fail($"{status.TaskId.Value} ended {status.State}: {status.Message}");
                        }

                        if (status.HasUuid && await Tolerant(scheduler.AcknowledgeAsync(status), dropped))
                        {
                            acknowledged++;
                        }

                        if (status.State == TaskState.TaskFinished)
                        {
                            finished.Add(status.TaskId.Value);
                            if (finished.Count == dropStreamAfter && !dropped)
                            {
                                dropped = Cluster.DropFrameworkStream(scheduler.FrameworkId);
                            }
                        }

                        break;
                }
            }
        }
        finally
        {
            await scheduler.DisposeAsync();
        }

        Assert.Equal(count, finished.Count);
        await Cluster.Journal.WaitForAsync(j => j.Acknowledgements.Count(a => a.FrameworkId == scheduler.FrameworkId && a.State == TaskState.TaskFinished) == count, Wait, "every terminal update acknowledged");
        Assert.All(Cluster.Journal.TaskIds, id => Assert.Equal(TaskState.TaskFinished, Cluster.Journal.TaskStates(id)[^1]));
        Assert.Equal(3, Cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Accept && c.StatusCode == 202).Select(c => c.Call.Accept.Operations[0].Launch.TaskInfos[0].AgentId.Value).Distinct().Count());
        Assert.True(acknowledged >= 3 * count, $"{acknowledged} acknowledgements for {count} tasks");
    }
}
