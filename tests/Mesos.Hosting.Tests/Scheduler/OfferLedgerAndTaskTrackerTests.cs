using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;

namespace Mesos.Hosting.Tests.Scheduler;

/// <summary>What the driver books: offers held, and tasks not yet known to have ended.</summary>
public sealed class OfferLedgerAndTaskTrackerTests
{
    [Fact]
    public void An_offer_is_held_until_accepted_declined_rescinded_or_the_stream_is_lost()
    {
        var ledger = new OfferLedger();
        Offer[] offers = [Offer("o1"), Offer("o2"), Offer("o3")];
        ledger.Add(offers);

        ledger.Release([new OfferID { Value = "o2" }]);
        Assert.Equal(["o1", "o3"], ledger.StillHeld(offers).Select(o => o.Value));

        ledger.Clear();
        Assert.Empty(ledger.StillHeld(offers));
    }

    [Fact]
    public void Tasks_are_tracked_from_launch_until_a_terminal_update_with_their_latest_agent()
    {
        var tracker = new TaskTracker();
        Launch(tracker, Task("t1", "a1"), Task("t2", "a1"), Task("t3", "a2"));

        tracker.Observe(Status("t1", TaskState.TaskRunning));
        tracker.Observe(Status("t2", TaskState.TaskFinished));
        tracker.Forget([Task("t3", "a2")]);

        var live = Assert.Single(tracker.NonTerminal());
        Assert.Equal("t1", live.Task.Value);
        Assert.Equal("a1", live.Agent.Value);
    }

    [Fact]
    public void Updates_naming_the_launch_agent_leave_the_tasks_sharing_it_and_one_naming_another_agent_moves_the_task()
    {
        var tracker = new TaskTracker();
        var agent = new AgentID { Value = "a1" };
        TaskInfo[] tasks = [Task("t1", "a1"), Task("t2", "a1")];
        tasks[0].AgentId = agent;
        tasks[1].AgentId = agent;
        Launch(tracker, tasks);

        tracker.Observe(WithAgent(Status("t1", TaskState.TaskRunning), "a1"));
        tracker.Observe(WithAgent(Status("t2", TaskState.TaskRunning), "a2"));

        var live = tracker.NonTerminal().ToDictionary(t => t.Task.Value, t => t.Agent);
        Assert.Same(agent, live["t1"]);
        Assert.Equal("a2", live["t2"].Value);
    }

    [Fact]
    public void A_task_whose_launch_is_on_its_way_is_not_asked_about_until_the_call_went_out()
    {
        var tracker = new TaskTracker();
        tracker.Launching([Task("t1", "a1")]);

        Assert.Empty(tracker.NonTerminal());

        tracker.Launched([Task("t1", "a1")]);
        Assert.Equal("t1", Assert.Single(tracker.NonTerminal()).Task.Value);
    }

    [Fact]
    public void A_reconciliation_answer_about_a_task_whose_end_was_delivered_is_stale_and_nothing_else_is()
    {
        var tracker = new TaskTracker();
        Launch(tracker, Task("t1", "a1"));
        tracker.Observe(Status("t1", TaskState.TaskFinished, MesosUuid.NewBytes()));

        var answer = Status("t1", TaskState.TaskLost);
        answer.Reason = TaskStatus.Types.Reason.Reconciliation;
        var update = Status("t1", TaskState.TaskLost, MesosUuid.NewBytes());
        var other = Status("t2", TaskState.TaskLost);
        other.Reason = TaskStatus.Types.Reason.Reconciliation;

        Assert.True(tracker.IsStaleReconciliation(answer));
        Assert.False(tracker.IsStaleReconciliation(update));
        Assert.False(tracker.IsStaleReconciliation(other));
    }

    [Fact]
    public void Ended_tasks_are_remembered_only_up_to_a_bound()
    {
        var tracker = new TaskTracker();
        for (var i = 0; i <= TaskTracker.EndedCapacity; i++)
        {
            tracker.Observe(Status($"t{i}", TaskState.TaskFinished));
        }

        var oldest = Status("t0", TaskState.TaskLost);
        oldest.Reason = TaskStatus.Types.Reason.Reconciliation;
        var newest = Status($"t{TaskTracker.EndedCapacity}", TaskState.TaskLost);
        newest.Reason = TaskStatus.Types.Reason.Reconciliation;
        Assert.False(tracker.IsStaleReconciliation(oldest));
        Assert.True(tracker.IsStaleReconciliation(newest));
    }

    private static Offer Offer(string id) => new() { Id = new OfferID { Value = id } };

    private static TaskInfo Task(string id, string agent) => new() { TaskId = new TaskID { Value = id }, AgentId = new AgentID { Value = agent }, Name = id };

    private static TaskStatus Status(string id, TaskState state, Google.Protobuf.ByteString? uuid = null)
    {
        var status = new TaskStatus { TaskId = new TaskID { Value = id }, State = state };
        if (uuid is not null)
        {
            status.Uuid = uuid;
        }

        return status;
    }

    private static TaskStatus WithAgent(TaskStatus status, string agent)
    {
        status.AgentId = new AgentID { Value = agent };
        return status;
    }

    private static void Launch(TaskTracker tracker, params TaskInfo[] tasks)
    {
        tracker.Launching(tasks);
        tracker.Launched(tasks);
    }
}
