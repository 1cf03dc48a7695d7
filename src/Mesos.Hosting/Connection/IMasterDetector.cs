namespace Mesos.Hosting.Connection;

/// <summary>
/// Finds the master to talk to. The static detector walks a configured list and follows redirects;
/// a ZooKeeper detector (<c>zk://</c>) plugs in here.
/// </summary>
internal interface IMasterDetector
{
    /// <summary>
    /// The master to try: the known leader, unless it is <paramref name="failed"/>, in which case
    /// another candidate.
    /// </summary>
    ValueTask<Uri> DetectAsync(Uri? failed, CancellationToken cancellationToken);

    /// <summary>A master answered 307: <paramref name="leader"/> leads now.</summary>
    void LeaderIs(Uri leader);

    /// <summary>
    /// Whether <paramref name="master"/> is one this detector was configured with or found itself, rather than
    /// one only a redirect named: credentials go to the former alone.
    /// </summary>
    bool IsKnownMaster(Uri master);

    /// <summary>
    /// Completes once <paramref name="leader"/> no longer leads, as far as the detector can tell without asking it
    /// (ZooKeeper tells at once); never for a detector that only learns of leaders from redirects.
    /// </summary>
    Task LeaderChangedAsync(Uri leader, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="master"/> still leads as far as the detector can tell without asking it; a detector
    /// that learns of leaders only from redirects cannot tell, and says it does.
    /// </summary>
    bool StillLeads(Uri master);
}
