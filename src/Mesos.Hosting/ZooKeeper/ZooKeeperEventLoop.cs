using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// One ordered loop for everything a client delivers: replies, watch events and state changes run here in
/// the order they happened, never on the socket reader, which only posts and moves on.
/// </summary>
internal sealed class ZooKeeperEventLoop : IAsyncDisposable
{
    private readonly Channel<Action> _actions = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _loop;

    public ZooKeeperEventLoop(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Post(Action action)
    {
        // After disposal nothing is queued any more; the last completions still have to happen.
        if (!_actions.Writer.TryWrite(action))
        {
            Run(action);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _actions.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var action in _actions.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Run(action);
        }
    }

    private void Run(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A subscriber's handler threw: the loop must go on delivering to the others.
            ZooKeeperLog.EventHandlerFailed(_logger, ex);
        }
    }
}
