namespace Mesos.Hosting;

/// <summary>A call was made while no subscription was live; it was not sent.</summary>
public sealed class MesosNotSubscribedException : InvalidOperationException
{
    /// <summary>Creates the exception for a call of <paramref name="callType"/>.</summary>
    public MesosNotSubscribedException(string callType)
        : base($"Cannot send {callType}: the scheduler is not subscribed to a Mesos master right now. Calls are accepted again after the next SUBSCRIBED.")
    {
    }

    /// <summary>Creates the exception with no call named.</summary>
    public MesosNotSubscribedException()
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MesosNotSubscribedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
