namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>
/// Where Debian's <c>zookeeper</c> package put the server: its jar (whose manifest names its
/// dependencies) and an slf4j binding, run with the java on PATH.
/// </summary>
public static class ZooKeeperInstallation
{
    public const string ServerJar = "/usr/share/java/zookeeper.jar";

    // slf4j-simple writes the server's log to stderr, which the server's folder keeps.
    public const string LoggingJar = "/usr/share/java/slf4j-simple.jar";

    public static string ClassPath => ServerJar + ":" + LoggingJar;

    public static void EnsureInstalled()
    {
        if (!File.Exists(ServerJar) || !File.Exists(LoggingJar))
        {
            throw new InvalidOperationException(
                $"ZooKeeper is not installed ({ServerJar} or {LoggingJar} is missing): install Debian's zookeeper package (apt-get install zookeeper), as .ci/run does.");
        }
    }
}
