using System.Diagnostics;
using System.Threading.Channels;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// A queue of calls sent in the order they were made. With one call in flight (the lane of every ordinary call) each is
/// sent only after the one before it was answered, so that, as with Mesos's own library, a KILL never overtakes the
/// ACCEPT made before it. A lane whose calls are independent of each other (acknowledgements: each names its own
/// update, and Mesos sends a task's next update only once its last was acknowledged) may keep
/// <paramref name="inFlight"/> calls on the wire at once, taken from the queue in order, answered in any order. Each call
/// keeps the trace context it was made in, so that its span is a child of the event or user span that caused it.
/// </summary>
internal sealed class CallQueue(int inFlight = 1)
{
    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = inFlight == 1 });

    public Task EnqueueAsync(Call call, CancellationToken cancellationToken)
    {
        // The caller's continuation must not run on the lane, where it would hold up the calls behind.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_items.Writer.TryWrite(new Item(call, Activity.Current?.Context ?? default, done, Failed: null, cancellationToken)))
        {
            // The driver has stopped: for the caller that is one more way of not being subscribed.
            throw new MesosNotSubscribedException(MesosNames.Of(call.Type));
        }

        return done.Task;
    }

    /// <summary>
    /// Queues a call whose answer nobody waits for (the driver's own acknowledgements): a failure is handed to
    /// <paramref name="failed"/> on the lane, and a success costs nothing more, where a task to await would cost a
    /// trip through the thread pool for each call.
    /// </summary>
    public void Enqueue(Call call, Action<Call, Exception> failed)
    {
        if (!_items.Writer.TryWrite(new Item(call, Activity.Current?.Context ?? default, Done: null, failed, CancellationToken.None)))
        {
            failed(call, new MesosNotSubscribedException(MesosNames.Of(call.Type)));
        }
    }

    public async Task RunAsync(Func<Call, ActivityContext, CancellationToken, Task> send, CancellationToken stopping)
    {
        try
        {
            // One sender per call in flight: each takes the next call once its own was answered.
            var senders = new Task[inFlight];
            for (var i = 0; i < senders.Length; i++)
            {
                senders[i] = SendEachAsync(send, stopping);
            }

            await Task.WhenAll(senders).ConfigureAwait(false);
        }
        finally
        {
            _items.Writer.TryComplete();
            while (_items.Reader.TryRead(out var left))
            {
                left.Fail(new MesosNotSubscribedException(MesosNames.Of(left.Call.Type)));
            }
        }
    }

    private async Task SendEachAsync(Func<Call, ActivityContext, CancellationToken, Task> send, CancellationToken stopping)
    {
        try
        {
            while (await _items.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (_items.Reader.TryRead(out var item))
                {
                    if (item.Cancellation.IsCancellationRequested)
                    {
                        item.Cancel();
                    }
                    else if (stopping.IsCancellationRequested)
                    {
                        // Read after the lane stopped: not sent, like every call still queued.
                        item.Fail(new MesosNotSubscribedException(MesosNames.Of(item.Call.Type)));
                    }
                    else
                    {
                        await SendAsync(item, send, stopping).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // Never throws: the outcome is the caller's, through the item.
    private static async Task SendAsync(Item item, Func<Call, ActivityContext, CancellationToken, Task> send, CancellationToken stopping)
    {
        // A token of the caller's own is watched with the lane's; linking them is skipped when there is nothing to link.
        var linked = item.Cancellation.CanBeCanceled && item.Cancellation != stopping ? CancellationTokenSource.CreateLinkedTokenSource(item.Cancellation, stopping) : null;
        try
        {
            await send(item.Call, item.Cause, linked?.Token ?? stopping).ConfigureAwait(false);
            item.Done?.TrySetResult();
        }
        catch (Exception ex)
        {
            item.Fail(ex);
        }
        finally
        {
            linked?.Dispose();
        }
    }

    /// <summary>A queued call and who hears of its outcome: a waiting caller (<paramref name="Done"/>) or <paramref name="Failed"/>.</summary>
    private sealed record Item(Call Call, ActivityContext Cause, TaskCompletionSource? Done, Action<Call, Exception>? Failed, CancellationToken Cancellation)
    {
        public void Fail(Exception ex)
        {
            if (Done is not null)
            {
                Done.TrySetException(ex);
            }
            else
            {
                Failed?.Invoke(Call, ex);
            }
        }

        public void Cancel()
        {
            if (Done is not null)
            {
                Done.TrySetCanceled(Cancellation);
            }
            else
            {
                Failed?.Invoke(Call, new OperationCanceledException(Cancellation));
            }
        }
    }
}
