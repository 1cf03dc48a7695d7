using System.Globalization;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Connection;

/// <summary>
/// What a scheduler subscription must start with. A 200 does not mean accepted: the master says SUBSCRIBED,
/// or ERROR and closes the stream. A SUBSCRIBED the driver cannot use is a broken master, not a refusal.
/// </summary>
internal static class SubscribedCheck
{
    /// <summary>Real masters announce 15 s; outside these bounds the watchdog would fire at once or never.</summary>
    public static readonly TimeSpan MinHeartbeat = TimeSpan.FromMilliseconds(50);

    /// <inheritdoc cref="MinHeartbeat"/>
    public static readonly TimeSpan MaxHeartbeat = TimeSpan.FromHours(1);

    /// <summary>Mesos's own interval, for a master too old to announce one.</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Checks a subscription's first event; <paramref name="resumed"/> is the framework the SUBSCRIBE asked to resume.</summary>
    public static void Check(Event first, FrameworkID? resumed)
    {
        if (first.Type == Event.Types.Type.Error)
        {
            throw new MesosCallException($"Mesos refused the subscription: {PeerText.From(first.Error?.Message ?? "(no message)")}");
        }

        if (first.Type != Event.Types.Type.Subscribed || first.Subscribed is not { } subscribed)
        {
            throw new MesosProtocolException($"The first event of a subscription was {MesosNames.Of(first.Type)}, not SUBSCRIBED.");
        }

        if (string.IsNullOrWhiteSpace(subscribed.FrameworkId?.Value))
        {
            throw new MesosProtocolException("The master's SUBSCRIBED carried no framework_id.");
        }

        // Mesos resumes a framework under the ID it asked for or refuses it with an ERROR; it never hands over another.
        if (resumed is not null && subscribed.FrameworkId.Value != resumed.Value)
        {
            throw new MesosProtocolException(
                $"The master's SUBSCRIBED named framework '{PeerText.From(subscribed.FrameworkId.Value)}', but the driver subscribed to resume '{resumed.Value}'.");
        }

        if (subscribed.HasHeartbeatIntervalSeconds && HeartbeatInterval(subscribed) is null)
        {
            throw new MesosProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"The master's SUBSCRIBED carried heartbeat_interval_seconds={subscribed.HeartbeatIntervalSeconds}; a usable interval lies between {MinHeartbeat.TotalSeconds} and {MaxHeartbeat.TotalSeconds} seconds."));
        }
    }

    /// <summary>The announced interval, or null when it is not a usable one (NaN, infinite, out of bounds).</summary>
    public static TimeSpan? HeartbeatInterval(Event.Types.Subscribed subscribed)
    {
        if (!subscribed.HasHeartbeatIntervalSeconds)
        {
            return DefaultHeartbeat;
        }

        var seconds = subscribed.HeartbeatIntervalSeconds;
        return double.IsFinite(seconds) && seconds >= MinHeartbeat.TotalSeconds && seconds <= MaxHeartbeat.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
