using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>Where the framework ID is kept, so that a restarted scheduler resumes its framework.</summary>
public interface IFrameworkIdStore
{
    /// <summary>
    /// The stored framework ID, or null when none is stored. Read each time this instance starts driving the framework
    /// (each leadership term, in high availability), so it must show what other instances saved. A failure that may
    /// pass (a lost connection, an <see cref="IOException"/>, a timeout) is retried with the reconnection backoff; any
    /// other stops the driver.
    /// </summary>
    ValueTask<FrameworkID?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores the framework ID durably; called before the registered callback runs.</summary>
    ValueTask SaveAsync(FrameworkID frameworkId, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the stored ID: the framework was torn down, or the master removed it, so the next subscription
    /// must start a new framework. After a removal, a failure is treated as one of <see cref="LoadAsync"/> is.
    /// </summary>
    ValueTask ClearAsync(CancellationToken cancellationToken);
}
