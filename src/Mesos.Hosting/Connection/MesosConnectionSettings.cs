using System.Net.Http.Headers;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>What a connection to a master or an agent needs to know, built by the hosting layer from the options.</summary>
internal sealed record MesosConnectionSettings
{
    /// <summary>The encoding of calls and of the event stream.</summary>
    public required MesosCodec Codec { get; init; }

    /// <summary>How long a call may take, and how long SUBSCRIBE may wait for its answer and first event.</summary>
    public required TimeSpan CallTimeout { get; init; }

    /// <summary>Sent with every request (Basic for schedulers, Bearer for executors).</summary>
    public AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>
    /// Whether the credentials also go to a master that only a redirect named. Off by default: a master
    /// (or whoever answers in its place) could otherwise collect them by redirecting anywhere.
    /// </summary>
    public bool SendCredentialsToRedirectTargets { get; init; }

    /// <summary>A PEM file of the CA that signs the peers' certificates, when they are not publicly trusted.</summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>How the event stream is read.</summary>
    public RecordIoReaderOptions? StreamReading { get; init; }

    /// <summary>Redirects followed for one request before it counts as failed.</summary>
    public int MaxRedirects { get; init; } = 5;
}
