using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>SUBSCRIBE as an endless sequence: resumed after a lost or silent stream, checked event by event.</summary>
public sealed class EventStreamTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static TheoryData<string, bool> Streams => new()
    {
        { MesosContentTypes.Protobuf, false },
        { MesosContentTypes.Json, false },
        { MesosContentTypes.Protobuf, true },
        { MesosContentTypes.Json, true },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task A_dropped_stream_is_subscribed_again_and_starts_with_the_state_again(string contentType, bool recordIo)
    {
        var attempts = 0;
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(async e =>
        {
            await e.OpenStreamAsync(recordIo);
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await e.SendAsync(CannedMaster.Subscribed(), CannedMaster.Heartbeat(), CannedMaster.TaskAdded("t1"), CannedMaster.TaskUpdated("t1", TaskState.TaskRunning));

                // Dropped once the client has the events: an abort discards what the socket has not sent yet.
                await read.Task.WaitAsync(e.Context.RequestAborted);
                e.Drop();
                return;
            }

            await e.SendAsync(CannedMaster.Subscribed(), CannedMaster.TaskUpdated("t1", TaskState.TaskFinished));
            await HostileServer.HoldAsync(e.Context);
        });
        await using var client = OperatorUnderTest.Create(master.Uri, contentType);

        var events = await TakeAsync(client.Operator.SubscribeAsync(), seen =>
        {
            if (seen.Count == 4)
            {
                read.TrySetResult();
            }

            return seen.Count == 6;
        });

        Assert.Equal(
            [Event.Types.Type.Subscribed, Event.Types.Type.Heartbeat, Event.Types.Type.TaskAdded, Event.Types.Type.TaskUpdated, Event.Types.Type.Subscribed, Event.Types.Type.TaskUpdated],
            events.Select(e => e.Type));
        Assert.Equal(SampleState.GetState(), events[0].Subscribed.GetState);
        Assert.Equal("t1", events[2].TaskAdded.Task.TaskId.Value);
        Assert.Equal(TaskState.TaskFinished, events[5].TaskUpdated.State);
        Assert.All(master.Calls.Snapshot(), c => Assert.Equal((Call.Types.Type.Subscribe, contentType), (c.Call.Type, c.Accept)));
        Assert.Equal(2, master.Calls.Count);
        await client.Logs.WaitForAsync("The event stream of the Mesos master ended", Deadline);
    }

    [Fact]
    public async Task Events_without_their_payload_or_of_unknown_types_are_skipped_and_logged()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(async e =>
        {
            await e.OpenStreamAsync();
            await e.SendAsync(
                CannedMaster.Subscribed(),
                new Event { Type = Event.Types.Type.TaskAdded },
                new Event { Type = (Event.Types.Type)42 },
                new Event { Type = Event.Types.Type.AgentRemoved },
                CannedMaster.TaskAdded("t2"));
            await HostileServer.HoldAsync(e.Context);
        });
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf);

        var events = await TakeAsync(client.Operator.SubscribeAsync(), seen => seen.Count == 2);

        Assert.Equal([Event.Types.Type.Subscribed, Event.Types.Type.TaskAdded], events.Select(e => e.Type));
        Assert.Equal("t2", events[1].TaskAdded.Task.TaskId.Value);
        await client.Logs.WaitForAsync("Skipped a TASK_ADDED event from the Mesos master: it has no 'task_added'", Deadline);
        await client.Logs.WaitForAsync("Skipped a AGENT_REMOVED event from the Mesos master: it has no 'agent_removed'", Deadline);
        await client.Logs.WaitForAsync("Ignored an event of unknown type 42", Deadline);
    }

    [Fact]
    public async Task A_stream_that_does_not_start_with_SUBSCRIBED_is_subscribed_again()
    {
        var attempts = 0;
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(async e =>
        {
            await e.OpenStreamAsync();
            await e.SendAsync(Interlocked.Increment(ref attempts) == 1 ? CannedMaster.Heartbeat() : CannedMaster.Subscribed());
            await HostileServer.HoldAsync(e.Context);
        });
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf);

        var events = await TakeAsync(client.Operator.SubscribeAsync(), seen => seen.Count == 1);

        Assert.Equal(Event.Types.Type.Subscribed, events[0].Type);
        Assert.Equal(2, master.Calls.Count);
        await client.Logs.WaitForAsync("The first event of the master's event stream was HEARTBEAT, not SUBSCRIBED.", Deadline);
    }

    [Fact]
    public async Task A_stream_silent_for_the_missed_heartbeats_is_abandoned_for_a_new_one()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(async e =>
        {
            await e.OpenStreamAsync();
            await e.SendAsync(CannedMaster.Subscribed(heartbeatSeconds: 0.1));
            await HostileServer.HoldAsync(e.Context);
        });
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o => o.HeartbeatMissesBeforeReconnect = 2);

        var events = await TakeAsync(client.Operator.SubscribeAsync(), seen => seen.Count == 2);

        Assert.Equal([Event.Types.Type.Subscribed, Event.Types.Type.Subscribed], events.Select(e => e.Type));
        await client.Logs.WaitForAsync("no event for 200 ms (heartbeat interval 100 ms)", Deadline);
    }

    [Fact]
    public async Task A_refused_subscription_ends_the_sequence_with_the_refusal()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.ErrorAsync(StatusCodes.Status403Forbidden, "Not authorized to subscribe"));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf);

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => TakeAsync(client.Operator.SubscribeAsync(), _ => false));

        Assert.Equal("SUBSCRIBE", refused.CallType);
        Assert.Equal("Not authorized to subscribe", refused.MesosMessage);
        Assert.Equal(1, master.Calls.Count);
    }

    [Fact]
    public async Task Leaving_the_sequence_closes_the_stream()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(async e =>
        {
            await e.OpenStreamAsync();
            await e.SendAsync(CannedMaster.Subscribed(), CannedMaster.Heartbeat());
            await HostileServer.HoldAsync(e.Context);
            closed.TrySetResult();
        });
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf);

        await TakeAsync(client.Operator.SubscribeAsync(), seen => seen.Count == 1);

        await closed.Task.WaitAsync(Deadline);
        Assert.Equal(1, master.Calls.Count);
    }

    // Reads the sequence until `enough` holds, within the deadline; leaving the loop disposes the enumerator.
    private static async Task<List<Event>> TakeAsync(IAsyncEnumerable<Event> events, Func<List<Event>, bool> enough)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var seen = new List<Event>();
        try
        {
            await foreach (var evt in events.WithCancellation(deadline.Token))
            {
                seen.Add(evt);
                if (enough(seen))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {Deadline}; saw {string.Join(", ", seen.Select(e => e.Type))}");
        }

        return seen;
    }
}
