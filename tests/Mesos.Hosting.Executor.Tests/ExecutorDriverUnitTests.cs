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
    public void A_tasks_updates_wait_behind_one_that_did_not_reach_the_agent_and_other_tasks_do_not()
    {
        var ledger = new UnacknowledgedLedger();
        var running = Update("t", TaskState.TaskRunning);
        Assert.True(ledger.Keep(running, subscribed: true));
        ledger.NotDelivered(running);

        var finished = Update("t", TaskState.TaskFinished);
        var other = Update("u", TaskState.TaskRunning);
        Assert.False(ledger.Keep(finished, subscribed: true));
        Assert.True(ledger.Keep(other, subscribed: true));
        Assert.Equal([running, finished], ledger.Undelivered());
        Assert.True(ledger.SomeUndelivered().IsCompleted);

        ledger.Delivered(running);
        ledger.Delivered(finished);
        Assert.Empty(ledger.Undelivered());
        Assert.False(ledger.SomeUndelivered().IsCompleted);
        Assert.True(ledger.Keep(Update("t", TaskState.TaskKilled), subscribed: true));
    }

    [Fact]
    public void Subscribed_delivers_what_the_subscribe_carried_and_not_what_was_kept_while_it_was_on_its_way()
    {
        var ledger = new UnacknowledgedLedger();
        var carried = Update("t", TaskState.TaskRunning);
        Assert.False(ledger.Keep(carried, subscribed: false));
        var snapshot = ledger.SubscribeSnapshot();
        var meanwhile = Update("u", TaskState.TaskRunning);
        Assert.False(ledger.Keep(meanwhile, subscribed: false));

        ledger.SubscribedWith(snapshot);

        Assert.Equal([meanwhile], ledger.Undelivered());
    }

    [Fact]
    public void An_acknowledged_or_refused_update_is_no_longer_undelivered()
    {
        var ledger = new UnacknowledgedLedger();
        var acknowledged = Update("t", TaskState.TaskRunning);
        var refused = Update("u", TaskState.TaskRunning);
        ledger.Keep(acknowledged, subscribed: true);
        ledger.Keep(refused, subscribed: true);
        ledger.NotDelivered(acknowledged);
        ledger.NotDelivered(refused);

        Assert.True(ledger.Acknowledged(acknowledged.Status.TaskId, acknowledged.Status.Uuid));
        ledger.Refused(refused);
        ledger.NotDelivered(refused);

        Assert.Empty(ledger.Undelivered());
        Assert.False(ledger.SomeUndelivered().IsCompleted);
    }

    private static V1.Executor.Call.Types.Update Update(string taskId, TaskState state) =>
        new() { Status = new TaskStatus { TaskId = new TaskID { Value = taskId }, State = state, Uuid = MesosUuid.NewBytes() } };

    private static ExecutorDriver NewDriver() => UnreachableAgent.Driver(UnreachableAgent.Environment(), TimeProvider.System);
}
