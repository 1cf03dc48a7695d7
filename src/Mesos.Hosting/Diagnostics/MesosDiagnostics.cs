namespace Mesos.Hosting.Diagnostics;

/// <summary>The names under which Mesos.Hosting reports metrics and traces.</summary>
public static class MesosDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> for every Mesos.Hosting instrument.</summary>
    public const string MeterName = "Mesos.Hosting";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> for every Mesos.Hosting trace.</summary>
    public const string ActivitySourceName = "Mesos.Hosting";
}
