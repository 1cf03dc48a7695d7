using Mesos.Hosting.Wire;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The masters a client is configured with (URLs tried in turn, or one zk:// URL naming the masters' ZooKeeper
/// group), checked at start-up and turned into a detector, alike for the scheduler and the operator client.
/// </summary>
internal static class MasterDetection
{
    /// <summary>Adds a failure, naming <paramref name="section"/>'s key and the bad value, for each master that cannot be used.</summary>
    public static void Check(List<string> failures, string section, string? master, IReadOnlyList<string> masters, string detectedScheme)
    {
        if (masters.Count == 0)
        {
            failures.Add($"{section}:Masters: no master is configured; set {section}:Master or {section}:Masters to a URL such as http://mesos-master:5050.");
        }

        for (var i = 0; i < masters.Count; i++)
        {
            var key = master is not null && i == 0 ? $"{section}:Master" : $"{section}:Masters:{(master is null ? i : i - 1)}";
            if (MasterUrls.IsZooKeeper(masters[i]))
            {
                if (masters.Count > 1)
                {
                    failures.Add($"{key}: a zk:// URL names every master at once; configure it alone.");
                }
                else if (MasterUrls.ZooKeeperProblem(masters[i], forMasters: true) is { } problem)
                {
                    failures.Add($"{key}: {problem}");
                }
                else if (!MesosCodec.IsJsonSupported)
                {
                    failures.Add($"{key}: masters publish their addresses in ZooKeeper as JSON, which this program switched off ({MesosCodec.JsonSwitchedOff}); name the masters by http(s) URL, or take the switch out.");
                }
            }
            else if (!Uri.TryCreate(masters[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"{key}: '{ZooKeeperConnectionString.Redact(masters[i])}' is not an absolute http or https URL, nor a zk:// URL.");
            }
        }

        if (detectedScheme is not ("http" or "https"))
        {
            failures.Add($"{section}:DetectedMasterScheme: '{detectedScheme}' is neither http nor https.");
        }
    }

    /// <summary>Masters by URL, tried in turn; or the masters' ZooKeeper group, followed live (a detector its owner disposes).</summary>
    public static IMasterDetector Create(IReadOnlyList<string> masters, string detectedScheme, TimeProvider time, ILoggerFactory loggers)
        => masters is [var only] && MasterUrls.IsZooKeeper(only)
            ? new ZooKeeperMasterDetector(ZooKeeperConnectionString.Parse(only), detectedScheme, time, loggers)
            : new StaticMasterDetector(masters.Select(m => new Uri(m)));
}
