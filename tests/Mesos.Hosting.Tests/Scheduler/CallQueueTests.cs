using System.Diagnostics;
using Mesos.Hosting.Scheduler;
using Mesos.V1.Scheduler;
using Task = System.Threading.Tasks.Task;

namespace Mesos.Hosting.Tests.Scheduler;

/// <summary>A lane of calls: one at a time in the order they were made, or several in flight for independent calls.</summary>
public sealed class CallQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Calls_are_sent_one_at_a_time_in_the_order_they_were_made()
    {
        var queue = new CallQueue();
        var sent = new List<Call.Types.Type>();
        var inFlight = 0;
        var mostInFlight = 0;
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(async (call, _, _) =>
        {
            mostInFlight = Math.Max(mostInFlight, Interlocked.Increment(ref inFlight));
            await Task.Yield();
            sent.Add(call.Type);
            Interlocked.Decrement(ref inFlight);
        }, stop.Token);

        await Task.WhenAll(
            queue.EnqueueAsync(new Call { Type = Call.Types.Type.Accept }, CancellationToken.None),
            queue.EnqueueAsync(new Call { Type = Call.Types.Type.Kill }, CancellationToken.None),
            queue.EnqueueAsync(new Call { Type = Call.Types.Type.Revive }, CancellationToken.None));
        await stop.CancelAsync();
        await running;

        Assert.Equal([Call.Types.Type.Accept, Call.Types.Type.Kill, Call.Types.Type.Revive], sent);
        Assert.Equal(1, mostInFlight);
    }

    [Fact]
    public async Task A_failed_call_fails_its_caller_alone()
    {
        var queue = new CallQueue();
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync((call, _, _) => call.Type == Call.Types.Type.Kill ? Task.FromException(new MesosCallException("refused")) : Task.CompletedTask, stop.Token);

        var kill = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Kill }, CancellationToken.None);
        var revive = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Revive }, CancellationToken.None);

        await Assert.ThrowsAsync<MesosCallException>(() => kill);
        await revive;
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_is_never_sent()
    {
        var queue = new CallQueue();
        var release = new TaskCompletionSource();
        var sent = new List<Call.Types.Type>();
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(async (call, _, _) =>
        {
            sent.Add(call.Type);
            await release.Task;
        }, stop.Token);
        using var cancel = new CancellationTokenSource();

        var first = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Accept }, CancellationToken.None);
        var cancelled = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Decline }, cancel.Token);
        await cancel.CancelAsync();
        release.SetResult();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await stop.CancelAsync();
        await running;
        Assert.Equal([Call.Types.Type.Accept], sent);
    }

    [Fact]
    public async Task Calls_left_when_the_lane_stops_fail_as_not_subscribed_and_later_ones_are_refused()
    {
        var queue = new CallQueue();
        var never = new TaskCompletionSource();
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync((_, _, ct) =>
        {
            sending.TrySetResult();
            return never.Task.WaitAsync(ct);
        }, stop.Token);

        var hanging = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Accept }, CancellationToken.None);
        var waiting = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Revive }, CancellationToken.None);
        await sending.Task;
        await stop.CancelAsync();
        await running;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        var left = await Assert.ThrowsAsync<MesosNotSubscribedException>(() => waiting);
        Assert.Contains("REVIVE", left.Message, StringComparison.Ordinal);
        Assert.Throws<MesosNotSubscribedException>(() => { _ = queue.EnqueueAsync(new Call { Type = Call.Types.Type.Kill }, CancellationToken.None); });
    }

    [Fact]
    public async Task Each_call_is_sent_with_the_trace_context_it_was_made_in_though_the_lane_runs_in_none()
    {
        var queue = new CallQueue();
        var causes = new List<ActivityContext>();
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync((_, cause, _) =>
        {
            causes.Add(cause);
            return Task.CompletedTask;
        }, stop.Token);

        using (var made = new Activity("made").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            await queue.EnqueueAsync(new Call { Type = Call.Types.Type.Revive }, CancellationToken.None);
            await queue.EnqueueAsync(new Call { Type = Call.Types.Type.Suppress }, CancellationToken.None);
            Assert.Equal([made.Context, made.Context], causes);
        }

        await queue.EnqueueAsync(new Call { Type = Call.Types.Type.Kill }, CancellationToken.None);
        Assert.Equal(default, causes[2]);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_lane_of_several_in_flight_keeps_no_more_than_that_on_the_wire_and_sends_every_call()
    {
        var queue = new CallQueue(inFlight: 3);
        var inFlight = 0;
        var mostInFlight = 0;
        var sent = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (queue)
            {
                mostInFlight = Math.Max(mostInFlight, now);
            }

            if (now == 3)
            {
                full.TrySetResult();
            }

            await gate.Task;
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref sent);
        }, stop.Token);

        var calls = Enumerable.Range(0, 10).Select(_ => queue.EnqueueAsync(new Call { Type = Call.Types.Type.Acknowledge }, CancellationToken.None)).ToList();
        await full.Task.WaitAsync(Deadline);
        gate.SetResult();
        await Task.WhenAll(calls).WaitAsync(Deadline);
        await stop.CancelAsync();
        await running;

        Assert.Equal(10, sent);
        Assert.Equal(3, mostInFlight);
    }

    [Fact]
    public async Task A_call_nobody_awaits_reports_its_failure_and_only_its_failure()
    {
        var queue = new CallQueue(inFlight: 2);
        var failures = new List<(Call.Types.Type Type, Type Error)>();
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync((call, _, _) => call.Type == Call.Types.Type.AcknowledgeOperationStatus ? Task.FromException(new MesosCallException("refused")) : Task.CompletedTask, stop.Token);
        void Failed(Call call, Exception ex)
        {
            lock (failures)
            {
                failures.Add((call.Type, ex.GetType()));
            }

            refused.TrySetResult();
        }

        queue.Enqueue(new Call { Type = Call.Types.Type.Acknowledge }, Failed);
        queue.Enqueue(new Call { Type = Call.Types.Type.AcknowledgeOperationStatus }, Failed);
        await refused.Task.WaitAsync(Deadline);
        await queue.EnqueueAsync(new Call { Type = Call.Types.Type.Acknowledge }, CancellationToken.None).WaitAsync(Deadline);
        await stop.CancelAsync();
        await running;

        // Once the lane stopped, a call is not queued: its failure is reported at once.
        queue.Enqueue(new Call { Type = Call.Types.Type.Acknowledge }, Failed);

        lock (failures)
        {
            Assert.Equal([(Call.Types.Type.AcknowledgeOperationStatus, typeof(MesosCallException)), (Call.Types.Type.Acknowledge, typeof(MesosNotSubscribedException))], failures);
        }
    }
}
