namespace Mesos.Hosting.Connection;

/// <summary>
/// A token that ends when the caller's does or when a time limit on the injected clock passes, whichever comes first:
/// every wait on a peer is bounded this way, so that a test's clock drives the bound as it drives everything else.
/// A caller tells the two endings apart by its own token (<c>when (!cancellationToken.IsCancellationRequested)</c>), or
/// by <see cref="Expired"/> when something else may also cancel what it waits on.
/// </summary>
internal sealed class TimeLimit : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _either;

    public TimeLimit(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        _timer = new CancellationTokenSource(limit, time);
        _either = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, cancellationToken);
    }

    public CancellationToken Token => _either.Token;

    /// <summary>Whether the time limit has passed, for a caller whose wait can also end for a reason of its own.</summary>
    public bool Expired => _timer.IsCancellationRequested;

    public void Dispose()
    {
        _either.Dispose();
        _timer.Dispose();
    }
}
