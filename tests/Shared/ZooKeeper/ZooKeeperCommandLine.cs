using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>
/// ZooKeeper's own command line (what <c>zkCli.sh</c> runs), one command per run: what an operator does to a live
/// ensemble that our client has no call for, such as changing a node's ACL.
/// </summary>
internal static class ZooKeeperCommandLine
{
    /// <summary>Runs <paramref name="command"/> against <paramref name="server"/>; throws with its output when it fails.</summary>
    public static async Task RunAsync(ZooKeeperServer server, params string[] command)
    {
        ZooKeeperInstallation.EnsureInstalled();
        string[] arguments = ["-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", ZooKeeperInstallation.ClassPath, "org.apache.zookeeper.ZooKeeperMain", "-server", server.ConnectString, .. command];
        var (exitCode, output) = await Command.RunAsync(Path.GetTempPath(), new Dictionary<string, string>(), TimeSpan.FromSeconds(60), "java", arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ZooKeeper's command line failed ({exitCode}) on {string.Join(' ', command)}:\n{output}");
        }
    }
}
