namespace Mesos.Hosting;

/// <summary>
/// A Mesos master or agent that cannot serve now: unreachable, a 5xx or 404 answer, a call that timed
/// out, a redirect that cannot be followed. Worth trying again later, which the drivers do themselves.
/// </summary>
public sealed class MesosUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that says which peer and why.</summary>
    public MesosUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed it.</summary>
    public MesosUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the overloads that say what happened.</summary>
    public MesosUnavailableException()
    {
    }

    /// <summary>Creates the exception for a peer that answered "not now".</summary>
    /// <param name="message">Which peer and what it answered.</param>
    /// <param name="retryAfter">How long the peer asked to be left alone (<c>Retry-After</c>), if it said.</param>
    public MesosUnavailableException(string message, TimeSpan? retryAfter)
        : base(message)
    {
        Answered = true;
        RetryAfter = retryAfter;
    }

    /// <summary>The peer answered (a 5xx, 404, 429) rather than being unreachable or silent.</summary>
    public bool Answered { get; }

    /// <summary>How long the peer asked to be left alone, from its <c>Retry-After</c> header.</summary>
    public TimeSpan? RetryAfter { get; }
}
