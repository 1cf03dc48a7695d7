namespace Mesos.Hosting.Scheduler;

/// <summary>
/// One subscription, from SUBSCRIBED until its stream ends. <see cref="Ending"/> is cancelled when it ends,
/// so that whatever was started for it (reconciliation, timers) ends with it.
/// </summary>
internal sealed class SchedulerSession(TimeSpan heartbeatInterval, TimeProvider time, CancellationToken ending)
{
    private readonly long _started = time.GetTimestamp();
    private long _lastRead = time.GetTimestamp();
    private int _readerWaiting;
    private volatile bool _live = true;

    public TimeSpan HeartbeatInterval { get; } = heartbeatInterval;

    public CancellationToken Ending { get; } = ending;

    public bool Live
    {
        get => _live && !Ending.IsCancellationRequested;
        set => _live = value;
    }

    public DateTimeOffset LastEventAt { get; private set; } = time.GetUtcNow();

    /// <summary>How long ago SUBSCRIBED arrived.</summary>
    public TimeSpan Age => time.GetElapsedTime(_started);

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
