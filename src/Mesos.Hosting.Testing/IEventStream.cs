using Google.Protobuf;

namespace Mesos.Hosting.Testing;

/// <summary>
/// A subscriber's stream of events as the master and the agents see it: they queue events on it and
/// end it, while the transport (an HTTP response) belongs to the endpoint that opened it.
/// </summary>
internal interface IEventStream
{
    /// <summary>Closed by either side: events sent now go nowhere.</summary>
    bool IsClosed { get; }

    /// <summary>Queues an event without waiting; false when the stream is closed.</summary>
    bool Send(IMessage message);

    /// <summary>Ends the stream once what is queued has been delivered.</summary>
    void Close();

    /// <summary>Drops the connection at once, as a network fault would.</summary>
    void Abort();

    /// <summary>Delivers events until the stream is closed or the subscriber goes away.</summary>
    Task RunAsync();
}
