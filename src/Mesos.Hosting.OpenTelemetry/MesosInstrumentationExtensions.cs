using Mesos.Hosting.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mesos.Hosting.OpenTelemetry;

/// <summary>Registers Mesos.Hosting's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> with OpenTelemetry.</summary>
public static class MesosInstrumentationExtensions
{
    /// <summary>
    /// Exports the spans of the scheduler and executor drivers (source <see cref="MesosDiagnostics.ActivitySourceName"/>):
    /// events, calls, subscriptions, reconnections and, in executors, each task's launch, run, updates and acknowledgements.
    /// </summary>
    public static TracerProviderBuilder AddMesosInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(MesosDiagnostics.ActivitySourceName);
    }

    /// <summary>Exports the instruments of the scheduler and executor drivers and of workloads (meter <see cref="MesosDiagnostics.MeterName"/>).</summary>
    public static MeterProviderBuilder AddMesosInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(MesosDiagnostics.MeterName);
    }
}
