using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The journal keeps everything by default, and only the newest of each kind when a capacity bounds it.</summary>
public sealed class ClusterJournalTests
{
    [Fact]
    public void A_bounded_journal_keeps_the_newest_entries_of_each_kind_in_order_and_says_how_many_it_let_go()
    {
        var journal = new ClusterJournal(TimeProvider.System, capacity: 3);

        for (var i = 0; i < 5; i++)
        {
            journal.Record(new ObservedSchedulerCall($"f{i}", new Call { Type = Call.Types.Type.Decline }, 202, journal.Now));
            journal.Record(new ObservedSchedulerEvent($"f{i}", new Event { Type = Event.Types.Type.Offers }, journal.Now));
        }

        journal.Record(new ObservedAcknowledgement("f0", "t0", Google.Protobuf.ByteString.CopyFromUtf8("u0"), TaskState.TaskRunning, journal.Now));

        Assert.Equal(["f2", "f3", "f4"], journal.SchedulerCalls.Select(c => c.FrameworkId));
        Assert.Equal(["f2", "f3", "f4"], journal.SchedulerEvents.Select(e => e.FrameworkId));
        Assert.Single(journal.Acknowledgements);
        Assert.EndsWith("The journal keeps the newest 3 of each kind (an OFFERS event counting once per offer) and has let 4 older entries go: the counts are of what it kept.", journal.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bounded_journal_counts_an_offers_event_once_per_offer_and_keeps_the_newest_event_whatever_it_weighs()
    {
        var journal = new ClusterJournal(TimeProvider.System, capacity: 5);

        journal.Record(new ObservedSchedulerEvent("f1", Offers(3), journal.Now));
        journal.Record(new ObservedSchedulerEvent("f2", Offers(3), journal.Now));
        journal.Record(new ObservedSchedulerEvent("f3", new Event { Type = Event.Types.Type.Heartbeat }, journal.Now));
        Assert.Equal(["f2", "f3"], journal.SchedulerEvents.Select(e => e.FrameworkId));

        journal.Record(new ObservedSchedulerEvent("f4", Offers(9), journal.Now));
        Assert.Equal(["f4"], journal.SchedulerEvents.Select(e => e.FrameworkId));
    }

    [Fact]
    public void A_bounded_journal_lets_the_task_history_that_changed_least_recently_go_first()
    {
        var journal = new ClusterJournal(TimeProvider.System, capacity: 2);
        journal.RecordTaskState("long-running", TaskState.TaskStaging);
        journal.RecordTaskState("short", TaskState.TaskStaging);
        journal.RecordTaskState("long-running", TaskState.TaskRunning);

        journal.RecordTaskState("next", TaskState.TaskStaging);

        Assert.Equal(["long-running", "next"], journal.TaskIds.Order());
        Assert.Empty(journal.TaskStates("short"));
        Assert.Equal([TaskState.TaskStaging, TaskState.TaskRunning], journal.TaskStates("long-running"));
    }

    [Fact]
    public void An_unbounded_journal_keeps_everything_and_says_nothing_of_letting_go()
    {
        var journal = new ClusterJournal(TimeProvider.System);

        for (var i = 0; i < 20_000; i++)
        {
            journal.Record(new ObservedSchedulerEvent("f", new Event { Type = Event.Types.Type.Heartbeat }, journal.Now));
            journal.RecordTaskState($"t{i}", TaskState.TaskStaging);
        }

        Assert.Equal(20_000, journal.SchedulerEvents.Count);
        Assert.Equal(20_000, journal.TaskIds.Count);
        Assert.DoesNotContain("let", journal.Summary(), StringComparison.Ordinal);
    }

    private static Event Offers(int count)
    {
        var offers = new Event { Type = Event.Types.Type.Offers, Offers = new Event.Types.Offers() };
        offers.Offers.Offers_.AddRange(Enumerable.Range(0, count).Select(i => new Offer { Id = new OfferID { Value = $"o{i}" } }));
        return offers;
    }

    [Fact]
    public async Task A_journal_capacity_below_one_is_refused_before_anything_starts()
    {
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { JournalCapacity = 0 }));

        Assert.Equal(nameof(LocalMesosClusterOptions.JournalCapacity), refused.ParamName);
    }
}
