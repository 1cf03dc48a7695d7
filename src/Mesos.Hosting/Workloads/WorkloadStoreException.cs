namespace Mesos.Hosting.Workloads;

/// <summary>
/// A workload store cannot be used: its file or node holds something else (another application's database,
/// a corrupt file, a newer format). The message names where it looked and what it found.
/// </summary>
public sealed class WorkloadStoreException : Exception
{
    /// <summary>Creates the exception with a message naming the store's location.</summary>
    public WorkloadStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the store's location and the failure that revealed it.</summary>
    public WorkloadStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
