namespace Mesos.Hosting.HighAvailability;

/// <summary>This instance started or stopped leading, and why.</summary>
public sealed class MesosLeadershipChangedEventArgs(bool isLeader, string reason) : EventArgs
{
    /// <summary>Whether this instance leads now.</summary>
    public bool IsLeader { get; } = isLeader;

    /// <summary>Why the leadership changed, for logs.</summary>
    public string Reason { get; } = reason;
}
