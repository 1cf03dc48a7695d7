using System.Net;

namespace Mesos.Hosting;

/// <summary>Mesos refused a call: the HTTP status and the text Mesos answered with.</summary>
public sealed class MesosCallException : Exception
{
    /// <summary>Creates the exception for a refused call.</summary>
    public MesosCallException(string callType, HttpStatusCode statusCode, string mesosMessage)
        : base($"Mesos refused {callType} with {(int)statusCode} {statusCode}: {(mesosMessage.Length == 0 ? "(no message)" : mesosMessage)}")
    {
        CallType = callType;
        StatusCode = statusCode;
        MesosMessage = mesosMessage;
    }

    /// <summary>Creates the exception with only a message.</summary>
    public MesosCallException(string message)
        : base(message)
    {
        CallType = string.Empty;
        MesosMessage = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MesosCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        CallType = string.Empty;
        MesosMessage = message;
    }

    /// <summary>Creates the exception with no message.</summary>
    public MesosCallException()
    {
        CallType = string.Empty;
        MesosMessage = string.Empty;
    }

    /// <summary>The call refused, e.g. <c>ACCEPT</c>.</summary>
    public string CallType { get; }

    /// <summary>The HTTP status Mesos answered.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Mesos's own text.</summary>
    public string MesosMessage { get; }
}
