namespace Mesos.Hosting.Workloads;

/// <summary>One instance of a service: its failures in a row (for the backoff) and when it may next launch.</summary>
internal sealed class ServiceSlot
{
    public int Failures { get; set; }

    public DateTimeOffset? NotBefore { get; set; }
}
