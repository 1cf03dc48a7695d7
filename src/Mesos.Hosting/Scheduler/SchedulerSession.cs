namespace Mesos.Hosting.Scheduler;

/// <summary>One subscription: from SUBSCRIBED until its stream ends. Events of older sessions are ignored.</summary>
internal sealed class SchedulerSession(long id, string streamId, TimeSpan heartbeatInterval, TimeProvider time)
{
    private long _lastRead = time.GetTimestamp();
    private int _readerWaiting;

    public long Id { get; } = id;

    public string StreamId { get; } = streamId;

    public TimeSpan HeartbeatInterval { get; } = heartbeatInterval;

    public bool Live { get; set; } = true;

    public DateTimeOffset LastEventAt { get; private set; } = time.GetUtcNow();

    /// <summary>Events of this session are in the buffer waiting for the callbacks, so the reader is not reading.</summary>
    public bool ReaderWaiting => Volatile.Read(ref _readerWaiting) != 0;

    public TimeSpan Silence => time.GetElapsedTime(Interlocked.Read(ref _lastRead));

    public void Touch()
    {
        Interlocked.Exchange(ref _lastRead, time.GetTimestamp());
        LastEventAt = time.GetUtcNow();
    }

    public void SetReaderWaiting(bool waiting) => Volatile.Write(ref _readerWaiting, waiting ? 1 : 0);
}
