using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The scheduler driver's instruments. Tags are event and call types, never IDs.</summary>
internal sealed class SchedulerMetrics : IDisposable
{
    private readonly Meter _meter = new(MesosDiagnostics.MeterName);

    public SchedulerMetrics()
    {
        Events = _meter.CreateCounter<long>("mesos.scheduler.events", description: "Events received from the master, by type.");
        SubscribeAttempts = _meter.CreateCounter<long>("mesos.scheduler.subscribe.attempts", description: "SUBSCRIBE calls sent.");
        Calls = _meter.CreateCounter<long>("mesos.scheduler.calls", description: "Calls sent, by type and outcome.");
        HandlerFailures = _meter.CreateCounter<long>("mesos.scheduler.handler.failures", description: "Scheduler callbacks that threw, by callback.");
        Acknowledgements = _meter.CreateCounter<long>("mesos.scheduler.acknowledgements", description: "Status updates acknowledged.");
        OffersDeclined = _meter.CreateCounter<long>("mesos.scheduler.offers.declined", description: "Offers declined because the callback left them unused.");
        InvalidEvents = _meter.CreateCounter<long>("mesos.scheduler.events.invalid", description: "Events from the master that lacked what the driver needs, by type; ignored.");
    }

    public static ActivitySource Tracing { get; } = new(MesosDiagnostics.ActivitySourceName);

    public Counter<long> Events { get; }

    public Counter<long> SubscribeAttempts { get; }

    public Counter<long> Calls { get; }

    public Counter<long> HandlerFailures { get; }

    public Counter<long> Acknowledgements { get; }

    public Counter<long> OffersDeclined { get; }

    public Counter<long> InvalidEvents { get; }

    public void CallSent(string type, string outcome)
        => Calls.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
