using Mesos.Hosting.ZooKeeper;

namespace Mesos.Hosting.Connection;

/// <summary>The two kinds of master URL: a master's own (http, https) and the masters' ZooKeeper group (zk).</summary>
internal static class MasterUrls
{
    public static bool IsZooKeeper(string url) => url.TrimStart().StartsWith(ZooKeeperConnectionString.Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with a zk:// URL, or null. The masters' group may not sit at the root, as Mesos insists.</summary>
    public static string? ZooKeeperProblem(string url, bool forMasters)
    {
        try
        {
            var parsed = ZooKeeperConnectionString.Parse(url);
            if (forMasters)
            {
                parsed.ValidateForMasterDetection();
            }
            else if (parsed.Path == "/")
            {
                return "the path must not be / (name this framework's own node, e.g. zk://host:2181/my-framework)";
            }

            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }
}
