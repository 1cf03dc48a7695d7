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
        ledger.UpdateSent(update);
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

    private static ExecutorDriver NewDriver() => UnreachableAgent.Driver(UnreachableAgent.Environment(), TimeProvider.System);
}
