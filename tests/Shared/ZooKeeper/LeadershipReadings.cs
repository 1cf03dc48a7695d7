using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mesos.Hosting.Diagnostics;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>What one election's instruments reported: its counters summed by instrument and tag value, its gauge on demand.</summary>
internal sealed class LeadershipReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _sums = new();
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
            _sums.AddOrUpdate((instrument.Name, tags.Length == 0 ? null : tags[0].Value?.ToString()), measured, (_, sum) => sum + measured));
        _listener.SetMeasurementEventCallback<int>((_, measured, _, _) => Volatile.Write(ref _leading, measured));
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

    public void Dispose() => _listener.Dispose();
}
