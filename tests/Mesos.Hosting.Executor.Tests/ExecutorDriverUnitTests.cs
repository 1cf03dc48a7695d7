using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>What the executor driver decides on its own, before anything reaches an agent.</summary>
public sealed class ExecutorDriverUnitTests
{
    [Fact]
    public async Task Task_staging_is_refused_locally_and_nothing_is_kept()
    {
        var driver = NewDriver();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "t" }, State = TaskState.TaskStaging }));

        Assert.Contains("TASK_STAGING", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, driver.UnacknowledgedUpdates);
    }

    [Fact]
    public async Task An_update_sent_while_not_subscribed_is_kept_with_a_fresh_uuid_and_the_executors_source()
    {
        var driver = NewDriver();

        await driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "t" }, State = TaskState.TaskRunning });
        await driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "t" }, State = TaskState.TaskFinished });

        Assert.Equal(2, driver.UnacknowledgedUpdates);
    }

    [Fact]
    public void The_ledger_carries_unacknowledged_updates_and_tasks_until_acknowledged()
    {
        var ledger = new UnacknowledgedLedger();
        var task = new TaskInfo { TaskId = new TaskID { Value = "t" }, Name = "t", AgentId = new AgentID { Value = "a" } };
        var update = new V1.Executor.Call.Types.Update { Status = new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskRunning, Uuid = Wire.MesosUuid.NewBytes() } };
        ledger.TaskReceived(task);
        ledger.Keep(update, subscribed: true);
        var drained = ledger.AllAcknowledged();

        var snapshot = ledger.SubscribeSnapshot();
        Assert.Single(snapshot.UnacknowledgedTasks);
        Assert.Single(snapshot.UnacknowledgedUpdates);
        Assert.False(drained.IsCompleted);
        Assert.False(ledger.Acknowledged(task.TaskId, ByteString.CopyFrom(new byte[16])));

        Assert.True(ledger.Acknowledged(task.TaskId, update.Status.Uuid));
        Assert.True(drained.IsCompleted);
        var after = ledger.SubscribeSnapshot();
        Assert.Empty(after.UnacknowledgedTasks);
        Assert.Empty(after.UnacknowledgedUpdates);
    }

    [Fact]
    public void A_tasks_updates_go_one_at_a_time_and_one_whose_call_failed_goes_again_first()
    {
        var ledger = new UnacknowledgedLedger();
        var running = Update("t", TaskState.TaskRunning);
        var finished = Update("t", TaskState.TaskFinished);
        Assert.True(ledger.Keep(running, subscribed: true));
        Assert.False(ledger.Keep(finished, subscribed: true));
        Assert.True(ledger.Keep(Update("u", TaskState.TaskRunning), subscribed: true));
        Assert.Null(ledger.TakeNext(skip: null));
        Assert.False(ledger.Ready().IsCompleted);

        ledger.NotDelivered(running);
        Assert.True(ledger.Ready().IsCompleted);
        Assert.Same(running, ledger.TakeNext(skip: null));
        Assert.Null(ledger.TakeNext(skip: null));

        ledger.Delivered(running);
        Assert.Same(finished, ledger.TakeNext(skip: null));
        ledger.Delivered(finished);
        Assert.False(ledger.Ready().IsCompleted);
        Assert.True(ledger.Keep(Update("t", TaskState.TaskKilled), subscribed: true));
    }

    [Fact]
    public void A_task_whose_update_failed_again_does_not_hold_back_another_tasks()
    {
        var ledger = new UnacknowledgedLedger();
        var stuck = Update("t", TaskState.TaskRunning);
        var other = Update("u", TaskState.TaskRunning);
        Assert.False(ledger.Keep(stuck, subscribed: false));
        Assert.False(ledger.Keep(other, subscribed: false));

        Assert.Same(stuck, ledger.TakeNext(skip: null));
        ledger.NotDelivered(stuck);

        Assert.Same(other, ledger.TakeNext(new HashSet<TaskID> { stuck.Status.TaskId }));
        Assert.Null(ledger.TakeNext(new HashSet<TaskID> { stuck.Status.TaskId }));
    }

    [Fact]
    public void Subscribed_takes_what_the_subscribe_carried_and_not_what_was_kept_while_it_was_on_its_way()
    {
        var ledger = new UnacknowledgedLedger();
        Assert.False(ledger.Keep(Update("t", TaskState.TaskRunning), subscribed: false));
        var snapshot = ledger.SubscribeSnapshot();
        var meanwhile = Update("t", TaskState.TaskFinished);
        Assert.False(ledger.Keep(meanwhile, subscribed: false));

        ledger.SubscribedWith(snapshot);

        Assert.Same(meanwhile, ledger.TakeNext(skip: null));
        Assert.Null(ledger.TakeNext(skip: null));
    }

    [Fact]
    public void An_acknowledged_or_refused_update_is_not_sent_again()
    {
        var ledger = new UnacknowledgedLedger();
        var acknowledged = Update("t", TaskState.TaskRunning);
        var refused = Update("u", TaskState.TaskRunning);
        ledger.Keep(acknowledged, subscribed: true);
        ledger.Keep(refused, subscribed: true);
        ledger.NotDelivered(acknowledged);

        Assert.True(ledger.Acknowledged(acknowledged.Status.TaskId, acknowledged.Status.Uuid));
        ledger.Refused(refused);
        ledger.NotDelivered(refused);

        Assert.Null(ledger.TakeNext(skip: null));
        Assert.False(ledger.Ready().IsCompleted);
    }

    private static V1.Executor.Call.Types.Update Update(string taskId, TaskState state) =>
        new() { Status = new TaskStatus { TaskId = new TaskID { Value = taskId }, State = state, Uuid = MesosUuid.NewBytes() } };

    private static ExecutorDriver NewDriver() => UnreachableAgent.Driver(UnreachableAgent.Environment(), TimeProvider.System);
}
