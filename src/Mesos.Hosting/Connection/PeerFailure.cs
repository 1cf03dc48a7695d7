namespace Mesos.Hosting.Connection;

/// <summary>
/// A call that failed because of the peer or the way to it, not this process: refused (<see cref="MesosCallException"/>),
/// unreachable or timed out (<see cref="MesosUnavailableException"/>), or answered with nonsense (<see cref="MesosProtocolException"/>).
/// </summary>
internal static class PeerFailure
{
    public static bool Is(Exception exception) => exception is MesosCallException or MesosUnavailableException or MesosProtocolException;
}
