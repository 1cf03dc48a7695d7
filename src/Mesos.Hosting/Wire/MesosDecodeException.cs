namespace Mesos.Hosting;

/// <summary>A payload that does not decode into the Mesos message expected.</summary>
public sealed class MesosDecodeException : MesosProtocolException
{
    /// <summary>Creates the exception for a payload meant to be a <paramref name="messageType"/>.</summary>
    public MesosDecodeException(MesosDecodeFailure failure, string messageType, string detail, Exception? innerException = null)
        : base($"Could not decode {messageType}: {detail}", innerException ?? new InvalidDataException(detail))
    {
        Failure = failure;
        MessageType = messageType;
        Detail = detail;
    }

    /// <summary>Which kind of failure this is.</summary>
    public MesosDecodeFailure Failure { get; }

    /// <summary>The full protobuf name of the message expected, e.g. <c>mesos.v1.scheduler.Call</c>.</summary>
    public string MessageType { get; }

    /// <summary>What was wrong, without the message type.</summary>
    public string Detail { get; }
}
