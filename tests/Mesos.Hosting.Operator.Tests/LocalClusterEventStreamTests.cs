using OperatorEvent = Mesos.V1.Master.Event;
using TaskState = Mesos.V1.TaskState;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>The operator event stream of LocalMesosCluster through the real client, across a dropped connection.</summary>
public sealed class LocalClusterEventStreamTests() : LocalClusterTest()
{
    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task The_stream_resumes_after_the_cluster_drops_it_with_a_fresh_SUBSCRIBED_and_later_events(string contentType)
    {
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        await using var watch = LocalClusterWork.Watch(client.Operator);
        await watch.SeenAsync(e => e.Type == OperatorEvent.Types.Type.Subscribed);

        Assert.Equal(1, Cluster.DropOperatorStreams());

        await watch.Events.WaitAsync(seen => seen.Count(e => e.Type == OperatorEvent.Types.Type.Subscribed) == 2, TimeSpan.FromSeconds(10), "a second SUBSCRIBED");
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        var events = watch.Events.Snapshot();
        var resumed = events.FindLastIndex(e => e.Type == OperatorEvent.Types.Type.Subscribed);
        Assert.Empty(events[resumed].Subscribed.GetState.GetFrameworks.Frameworks);
        var added = await watch.SeenAsync(e => e.TaskAdded?.Task.TaskId.Value == "sleeper");
        await watch.SeenAsync(e => e.TaskUpdated is { } u && u.Status.TaskId.Value == "sleeper" && u.State == TaskState.TaskRunning);
        Assert.True(watch.Events.Snapshot().IndexOf(added) > resumed);
        Assert.Equal(scheduler.FrameworkId, added.TaskAdded.Task.FrameworkId.Value);
    }
}
