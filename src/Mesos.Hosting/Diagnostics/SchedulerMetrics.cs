using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The scheduler driver's instruments. Tags are event types, call types, callbacks, outcomes and task states, never IDs.</summary>
internal sealed class SchedulerMetrics : IDisposable
{
    private readonly Meter _meter = new(MesosDiagnostics.MeterName);
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _dispatchLatency;
    private readonly Histogram<double> _handlerDuration;
    private readonly Histogram<double> _subscribeDuration;
    private SchedulerDriver? _driver;

    public SchedulerMetrics()
    {
        Events = _meter.CreateCounter<long>("mesos.scheduler.events", "{event}", "Events received from the master, by type.");
        InvalidEvents = _meter.CreateCounter<long>("mesos.scheduler.events.invalid", "{event}", "Events from the master that lacked what the driver needs, by type; ignored.");
        SubscribeAttempts = _meter.CreateCounter<long>("mesos.scheduler.subscribe.attempts", "{attempt}", "SUBSCRIBE calls sent.");
        _calls = _meter.CreateCounter<long>("mesos.scheduler.calls", "{call}", "Calls sent, by type and outcome.");
        HandlerFailures = _meter.CreateCounter<long>("mesos.scheduler.handler.failures", "{failure}", "Scheduler callbacks that threw, by callback.");
        Acknowledgements = _meter.CreateCounter<long>("mesos.scheduler.acknowledgements", "{update}", "Status updates acknowledged.");
        OffersDeclined = _meter.CreateCounter<long>("mesos.scheduler.offers.declined", "{offer}", "Offers declined because the callback left them unused.");
        _dispatchLatency = Seconds("mesos.scheduler.event.dispatch.latency", "Time from reading an event off the stream to the start of its handling, by type.");
        _handlerDuration = Seconds("mesos.scheduler.handler.duration", "Time a scheduler callback took, by callback.");
        _callDuration = Seconds("mesos.scheduler.call.duration", "Time from sending a call to the master's answer, by type and outcome.");
        _subscribeDuration = Seconds("mesos.scheduler.subscribe.duration", "Time from sending SUBSCRIBE to SUBSCRIBED or failure, by outcome.");
        _meter.CreateObservableGauge("mesos.scheduler.subscribed", () => Driver is { IsSubscribed: true } ? 1 : 0, "1", "1 while a subscription is live, else 0.");
        _meter.CreateObservableGauge("mesos.scheduler.offers.outstanding", () => Driver?.Offers.Count ?? 0, "{offer}", "Offers held: neither accepted, declined nor rescinded.");
        _meter.CreateObservableGauge("mesos.scheduler.tasks", TasksByState, "{task}", "Tasks launched through the driver and not known to be terminal, by last known state.");
        _meter.CreateObservableGauge("mesos.scheduler.updates.unacknowledged", () => Driver?.Unacknowledged.Count ?? 0, "{update}", "Status updates received that asked for an acknowledgement not yet sent.");
    }

    public Counter<long> Events { get; }

    public Counter<long> InvalidEvents { get; }

    public Counter<long> SubscribeAttempts { get; }

    public Counter<long> HandlerFailures { get; }

    public Counter<long> Acknowledgements { get; }

    public Counter<long> OffersDeclined { get; }

    private SchedulerDriver? Driver => Volatile.Read(ref _driver);

    /// <summary>The driver whose subscription, offers, tasks and unacknowledged updates the gauges report.</summary>
    public void Observe(SchedulerDriver driver) => Volatile.Write(ref _driver, driver);

    public void CallSent(string type, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { MesosTracing.RpcMethod, type }, { MesosTracing.Outcome, outcome } };
        _calls.Add(1, tags);
        _callDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>
    /// Whether anything listens to the dispatch latency or the callbacks' durations. Timing them reads the clock three
    /// times an event, a few percent of a busy stream's cost on a machine whose clock reads are slow (a VM's), so the
    /// driver reads it only for a listener.
    /// </summary>
    public bool TimesDispatch => _dispatchLatency.Enabled;

    /// <inheritdoc cref="TimesDispatch"/>
    public bool TimesHandlers => _handlerDuration.Enabled;

    public void EventDispatched(string type, TimeSpan waited)
        => _dispatchLatency.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(MesosTracing.EventType, type));

    public void HandlerRan(string callback, TimeSpan duration)
        => _handlerDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(MesosTracing.Callback, callback));

    public void Subscribed(string outcome, TimeSpan duration)
        => _subscribeDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(MesosTracing.Outcome, outcome));

    public void Dispose() => _meter.Dispose();

    private Histogram<double> Seconds(string name, string description)
        => _meter.CreateHistogram(name, "s", description, tags: null, advice: MesosTracing.SecondsBuckets);

    private IEnumerable<Measurement<int>> TasksByState()
        => Driver?.Tasks.CountByState().Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>(MesosTracing.TaskState, MesosNames.Of(p.Key)))) ?? [];
}
