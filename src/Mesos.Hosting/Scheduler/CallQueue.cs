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
/// <paramref name="inFlight"/> calls on the wire at once, started in order, answered in any order. Each call keeps the
/// trace context it was made in, so that its span is a child of the event or user span that caused it.
/// </summary>
internal sealed class CallQueue(int inFlight = 1)
{
    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });

    public Task EnqueueAsync(Call call, CancellationToken cancellationToken)
    {
        var item = new Item(call, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context ?? default, cancellationToken);
        if (!_items.Writer.TryWrite(item))
        {
            // The driver has stopped: for the caller that is one more way of not being subscribed.
            throw new MesosNotSubscribedException(MesosNames.Of(call.Type));
        }

        return item.Done.Task;
    }

    public async Task RunAsync(Func<Call, ActivityContext, CancellationToken, Task> send, CancellationToken stopping)
    {
        using var slots = new SemaphoreSlim(inFlight, inFlight);
        var sending = new List<Task>();
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (item.Cancellation.IsCancellationRequested)
                {
                    item.Done.TrySetCanceled(item.Cancellation);
                    continue;
                }

                // Read after the lane stopped: not sent, like every call still queued.
                if (stopping.IsCancellationRequested)
                {
                    item.Done.TrySetException(new MesosNotSubscribedException(MesosNames.Of(item.Call.Type)));
                    continue;
                }

                await slots.WaitAsync(stopping).ConfigureAwait(false);
                var sent = SendAsync(item, send, slots, stopping);
                if (inFlight > 1)
                {
                    sending.RemoveAll(t => t.IsCompleted);
                    sending.Add(sent);
                }
                else
                {
                    await sent.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(sending).ConfigureAwait(false);
            _items.Writer.TryComplete();
            while (_items.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(new MesosNotSubscribedException(MesosNames.Of(left.Call.Type)));
            }
        }
    }

    // Never throws: the outcome is the caller's, through the item's task.
    private static async Task SendAsync(Item item, Func<Call, ActivityContext, CancellationToken, Task> send, SemaphoreSlim slots, CancellationToken stopping)
    {
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(item.Cancellation, stopping);
            await send(item.Call, item.Cause, linked.Token).ConfigureAwait(false);
            item.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            item.Done.TrySetException(ex);
        }
        finally
        {
            slots.Release();
        }
    }

    private sealed record Item(Call Call, TaskCompletionSource Done, ActivityContext Cause, CancellationToken Cancellation);
}
