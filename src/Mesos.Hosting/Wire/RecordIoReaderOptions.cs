namespace Mesos.Hosting.Wire;

/// <summary>Limits a <see cref="RecordIoReader"/> enforces on what a peer sends.</summary>
public sealed class RecordIoReaderOptions
{
    /// <summary>64 MiB: far above any event Mesos sends, far below what would hurt a host.</summary>
    public const long DefaultMaxRecordLength = 64L * 1024 * 1024;

    /// <summary>
    /// The largest record length accepted. A header announcing more is refused at once, before a
    /// byte of the record is buffered.
    /// </summary>
    public long MaxRecordLength { get; init; } = DefaultMaxRecordLength;

    /// <summary>The size of the buffers read from a <see cref="Stream"/>.</summary>
    public int StreamBufferSize { get; init; } = 64 * 1024;

    internal static RecordIoReaderOptions Default { get; } = new();
}
