namespace Mesos.Hosting.HighAvailability;

/// <summary>Without high availability, the one instance leads from start to stop.</summary>
internal sealed class SoleInstance : ILeaderElection
{
    public bool IsLeader => true;

    public event EventHandler<MesosLeadershipChangedEventArgs>? Changed
    {
        add { }
        remove { }
    }

    public Task WaitUntilLeaderAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CancellationToken> LeadAsync(CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);

    public ValueTask ResignAsync() => ValueTask.CompletedTask;
}
