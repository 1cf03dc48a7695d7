namespace Mesos.Hosting.HighAvailability;

/// <summary>How the hosting layer runs the driver only while this instance leads.</summary>
internal interface ILeaderElection : IMesosLeadership
{
    /// <summary>Waits until this instance leads; the token it returns is cancelled the moment it stops leading.</summary>
    Task<CancellationToken> LeadAsync(CancellationToken cancellationToken);

    /// <summary>Leaves the election for good (the host is stopping, or its driver failed), so that a standby takes over at once.</summary>
    ValueTask ResignAsync();
}
