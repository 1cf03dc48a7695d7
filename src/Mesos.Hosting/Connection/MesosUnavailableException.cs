namespace Mesos.Hosting.Connection;

/// <summary>A master that cannot serve now (503, a redirect loop, a refused connection): worth trying again.</summary>
internal sealed class MesosUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
