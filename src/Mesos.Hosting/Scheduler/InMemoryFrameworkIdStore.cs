using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>Keeps the framework ID for the life of the process only.</summary>
public sealed class InMemoryFrameworkIdStore : IFrameworkIdStore
{
    private FrameworkID? _frameworkId;

    /// <inheritdoc/>
    public ValueTask<FrameworkID?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Volatile.Read(ref _frameworkId)?.Clone());

    /// <inheritdoc/>
    public ValueTask SaveAsync(FrameworkID frameworkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frameworkId);
        Volatile.Write(ref _frameworkId, frameworkId.Clone());
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _frameworkId, null);
        return ValueTask.CompletedTask;
    }
}
