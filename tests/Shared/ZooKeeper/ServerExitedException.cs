namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>A ZooKeeper server process exited before it served (a port taken, a bad configuration); the message holds its log.</summary>
public sealed class ServerExitedException(string message) : Exception(message);
