using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// The documented metrics a clean run never reports (issue 15's done-when asks for the presence, unit and tags of
/// each): a master sends an offer the scheduler leaves unused, an update the driver cannot acknowledge and an update
/// whose callback throws.
/// </summary>
[Collection(nameof(ProcessWideListeners))]
public sealed class ProvokedMetricsTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_unused_offer_an_invalid_event_and_a_throwing_callback_are_counted_with_their_units_and_tags()
    {
        using var measurements = new MeasurementRecorder();
        var good = MesosUuid.NewBytes();
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await HostileMaster.SendAsync(
                context,
                UnusedOffer(),
                HostileMaster.Update("no-agent", TaskState.TaskRunning, MesosUuid.NewBytes(), agentId: null),
                HostileMaster.Update("throws", TaskState.TaskRunning, MesosUuid.NewBytes()),
                HostileMaster.Update("good", TaskState.TaskRunning, good));
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, seen: new SchedulerSeen { ThrowOnUpdateOf = "throws" });

        // Events are handled in stream order, so once the last update is acknowledged the others were handled.
        await master.Calls.WaitAsync(
            calls => calls.Any(c => c.Call.Type == Call.Types.Type.Decline) && calls.Any(c => c.Call.Type == Call.Types.Type.Acknowledge && c.Call.Acknowledge.Uuid == good),
            Generous,
            "the unused offer declined and the last update acknowledged");

        var exported = measurements.Exported();
        MetricAssertions.Documented(exported, MetricAssertions.OnlyWhenProvoked("mesos.scheduler."), ["fw-1", "agent-1", "offer-1", "no-agent", "throws", "good"]);
        Assert.Contains(Points(exported, "mesos.scheduler.events.invalid"), p => p.Contains(new("mesos.event.type", "UPDATE")));
        Assert.Contains(Points(exported, "mesos.scheduler.handler.failures"), p => p.Contains(new("mesos.callback", "status update")));
        Assert.Equal(1, measurements.Sum("mesos.scheduler.offers.declined"));
    }

    private static List<List<KeyValuePair<string, string>>> Points(List<(string Name, string Unit, List<List<KeyValuePair<string, string>>> Points)> exported, string name)
        => exported.Single(m => m.Name == name).Points;

    private static Event UnusedOffer()
    {
        var offer = new Offer
        {
            Id = new OfferID { Value = "offer-1" },
            FrameworkId = new FrameworkID { Value = "fw-1" },
            AgentId = new AgentID { Value = "agent-1" },
            Hostname = "hostile",
        };
        offer.Resources.Add(new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 1 } });
        return new Event { Type = Event.Types.Type.Offers, Offers = new Event.Types.Offers { Offers_ = { offer } } };
    }

    /// <summary>Every measurement of a Mesos.Hosting counter or histogram made while it listens.</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(Instrument Instrument, double Value, List<KeyValuePair<string, string>> Tags)> _seen = new();

        public MeasurementRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MesosDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
            _listener.Start();
        }

        public List<(string Name, string Unit, List<List<KeyValuePair<string, string>>> Points)> Exported()
            => [.. _seen.GroupBy(m => m.Instrument.Name).Select(g => (g.Key, g.First().Instrument.Unit ?? "", g.Select(m => m.Tags).ToList()))];

        public double Sum(string name) => _seen.Where(m => m.Instrument.Name == name).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var strings = new List<KeyValuePair<string, string>>(tags.Length);
            foreach (var tag in tags)
            {
                strings.Add(new(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }

            _seen.Enqueue((instrument, value, strings));
        }
    }
}
