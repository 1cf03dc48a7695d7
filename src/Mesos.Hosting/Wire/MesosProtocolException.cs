namespace Mesos.Hosting;

/// <summary>
/// Bytes from a Mesos peer that break the v1 protocol: a malformed RecordIO frame, a payload that
/// does not decode, a message missing required fields.
/// </summary>
public class MesosProtocolException : Exception
{
    /// <summary>Creates the exception with a message that says what was wrong.</summary>
    public MesosProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the problem.</summary>
    public MesosProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the overloads that say what was wrong.</summary>
    public MesosProtocolException()
    {
    }
}
