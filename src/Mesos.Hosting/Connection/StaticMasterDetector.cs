namespace Mesos.Hosting.Connection;

/// <summary>Masters from configuration, tried in turn; the leader a redirect names is remembered.</summary>
internal sealed class StaticMasterDetector : IMasterDetector
{
    private readonly List<Uri> _masters;
    private readonly object _sync = new();
    private Uri? _leader;
    private int _next;

    /// <summary>Creates the detector over <paramref name="masters"/> (base URLs such as http://host:5050).</summary>
    public StaticMasterDetector(IEnumerable<Uri> masters)
    {
        _masters = masters.ToList();
        if (_masters.Count == 0)
        {
            throw new ArgumentException("At least one master is needed.", nameof(masters));
        }
    }

    /// <inheritdoc/>
    public ValueTask<Uri> DetectAsync(Uri? failed, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_leader is not null && _leader != failed)
            {
                return ValueTask.FromResult(_leader);
            }

            _leader = null;
            var candidate = _masters[_next % _masters.Count];
            if (candidate == failed && _masters.Count > 1)
            {
                _next++;
                candidate = _masters[_next % _masters.Count];
            }

            return ValueTask.FromResult(candidate);
        }
    }

    /// <inheritdoc/>
    public bool IsKnownMaster(Uri master) => _masters.Exists(m => Uri.Compare(m, master, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);

    /// <inheritdoc/>
    public Task LeaderChangedAsync(Uri leader, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public bool StillLeads(Uri master) => true;

    /// <inheritdoc/>
    public void LeaderIs(Uri leader)
    {
        lock (_sync)
        {
            _leader = leader;
        }
    }
}
