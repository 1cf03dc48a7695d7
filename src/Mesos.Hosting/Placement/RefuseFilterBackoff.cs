using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// How long to keep an agent's offers away after declining them: <see cref="Initial"/> the first time,
/// multiplied by <see cref="Factor"/> each time the same agent's offers are declined again, up to
/// <see cref="Maximum"/>; back to <see cref="Initial"/> once a task lands there. An agent nothing fits on
/// soon stops being offered every second, while one that just freed up comes back quickly. New work
/// should REVIVE, which clears every filter at the master; call <see cref="Reset()"/> then too.
/// </summary>
/// <remarks>Not thread-safe: meant for the scheduler's offer callback, which runs one at a time.</remarks>
public sealed class RefuseFilterBackoff
{
    private readonly Dictionary<string, int> _declines = new(StringComparer.Ordinal);

    /// <summary>A backoff from <paramref name="initial"/> (default 5 s) to <paramref name="maximum"/> (default 5 min), growing by <paramref name="factor"/> (default 2).</summary>
    public RefuseFilterBackoff(TimeSpan? initial = null, TimeSpan? maximum = null, double factor = 2)
    {
        Initial = initial ?? TimeSpan.FromSeconds(5);
        Maximum = maximum ?? TimeSpan.FromMinutes(5);
        Factor = factor;
        ArgumentOutOfRangeException.ThrowIfLessThan(Initial, TimeSpan.Zero, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(Maximum, Initial, nameof(maximum));
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
    }

    /// <summary>The filter after the first decline.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The longest filter.</summary>
    public TimeSpan Maximum { get; }

    /// <summary>How much the filter grows with each further decline of the same agent.</summary>
    public double Factor { get; }

    /// <summary>
    /// Records a match: agents that got tasks start over, the others' declines count one more; returns
    /// the declines grouped by filter, shortest first, ready for <c>DeclineAsync</c>.
    /// </summary>
    public IReadOnlyList<DeclineBatch> Plan(PlacementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var launch in result.Launches)
        {
            _declines.Remove(launch.AgentId.Value);
        }

        var counted = new HashSet<string>(StringComparer.Ordinal);
        var byFilter = new SortedDictionary<double, List<OfferID>>();
        foreach (var offer in result.Declines)
        {
            var agent = offer.AgentId.Value;
            if (counted.Add(agent))
            {
                _declines[agent] = _declines.GetValueOrDefault(agent) + 1;
            }

            var seconds = RefuseSecondsFor(agent);
            if (!byFilter.TryGetValue(seconds, out var offers))
            {
                byFilter.Add(seconds, offers = []);
            }

            offers.Add(offer.Id);
        }

        return byFilter.Select(p => new DeclineBatch(new Filters { RefuseSeconds = p.Key }, p.Value)).ToList();
    }

    /// <summary>The refuse_seconds for the next decline of <paramref name="agentId"/>'s offers, given the declines so far.</summary>
    public double RefuseSecondsFor(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        var declines = _declines.GetValueOrDefault(agentId);
        if (declines == 0)
        {
            return Initial.TotalSeconds;
        }

        var seconds = Initial.TotalSeconds * Math.Pow(Factor, declines - 1);
        return Math.Min(seconds, Maximum.TotalSeconds);
    }

    /// <summary>Forgets <paramref name="agentId"/>'s declines (it freed up, or was lost).</summary>
    public void Reset(string agentId) => _declines.Remove(agentId);

    /// <summary>Forgets every decline: new work arrived, and the framework revives.</summary>
    public void Reset() => _declines.Clear();
}
