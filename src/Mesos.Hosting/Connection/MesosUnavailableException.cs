namespace Mesos.Hosting.Connection;

/// <summary>
/// A peer that cannot serve now (503, a redirect loop, a refused connection): worth trying again.
/// <see cref="Answered"/> tells a peer that answered "not now" from one that could not be reached.
/// </summary>
internal sealed class MesosUnavailableException(string message, Exception? inner = null, bool answered = false) : Exception(message, inner)
{
    /// <summary>The peer answered (503 or 404) rather than being unreachable.</summary>
    public bool Answered { get; } = answered;
}
