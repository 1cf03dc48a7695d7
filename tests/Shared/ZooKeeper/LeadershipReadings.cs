using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mesos.Hosting.Diagnostics;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>
/// What one election's instruments reported from the moment this was made: its counters summed by instrument and tag
/// value, its gauge on demand, and every measurement as exported, for the check against the documentation.
/// </summary>
internal sealed class LeadershipReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _sums = new();
    private readonly ConcurrentQueue<(Instrument Instrument, List<KeyValuePair<string, string>> Tags)> _measured = new();
    private int _leading;

    public LeadershipReadings(LeadershipMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, measured, tags, _) =>
        {
            Record(instrument, tags);
            _sums.AddOrUpdate((instrument.Name, tags.Length == 0 ? null : tags[0].Value?.ToString()), measured, (_, sum) => sum + measured);
        });
        _listener.SetMeasurementEventCallback<int>((instrument, measured, tags, _) =>
        {
            Record(instrument, tags);
            Volatile.Write(ref _leading, measured);
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements tagged <paramref name="tag"/>.</summary>
    public long Sum(string instrument, string tag) => _sums.GetValueOrDefault((instrument, tag));

    /// <summary>What <c>mesos.leadership.leading</c> reports now.</summary>
    public int Leading()
    {
        _listener.RecordObservableInstruments();
        return Volatile.Read(ref _leading);
    }

    /// <summary>Each instrument that measured, with its unit and the tags of each measurement.</summary>
    public IEnumerable<(string Name, string Unit, List<List<KeyValuePair<string, string>>> Points)> Exported()
        => _measured.GroupBy(m => m.Instrument).Select(g => (g.Key.Name, g.Key.Unit ?? "", g.Select(m => m.Tags).ToList()));

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            copied.Add(new(tag.Key, tag.Value?.ToString() ?? ""));
        }

        _measured.Enqueue((instrument, copied));
    }
}
