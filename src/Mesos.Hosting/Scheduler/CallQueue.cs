using System.Diagnostics;
using System.Threading.Channels;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// One ordered queue for every call: each is sent only after the one before it was answered, so
/// that, as with Mesos's own library, a KILL never overtakes the ACCEPT made before it. Each call keeps the
/// trace context it was made in, so that its span is a child of the event or user span that caused it.
/// </summary>
internal sealed class CallQueue
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
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _items.Writer.TryComplete();
            while (_items.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(new MesosNotSubscribedException(MesosNames.Of(left.Call.Type)));
            }
        }
    }

    private sealed record Item(Call Call, TaskCompletionSource Done, ActivityContext Cause, CancellationToken Cancellation);
}
