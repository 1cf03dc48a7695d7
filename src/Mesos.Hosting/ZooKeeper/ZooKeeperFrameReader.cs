using System.Buffers.Binary;
using System.Globalization;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// Reads length-prefixed frames from a server. A length over the limit is refused before anything is
/// allocated for it: the peer decides the length, we decide what we accept.
/// </summary>
internal sealed class ZooKeeperFrameReader(Stream stream, int maxFrameLength)
{
    private readonly byte[] _length = new byte[sizeof(int)];

    public async Task<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(_length, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(_length);
        if (length < 0 || length > maxFrameLength)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the server sent a frame of {length} bytes, over the limit of {maxFrameLength} bytes (ZooKeeperClientOptions.MaxFrameLength)"));
        }

        var frame = new byte[length];
        await ReadExactlyAsync(frame, cancellationToken).ConfigureAwait(false);
        return frame;
    }

    private async Task ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new EndOfStreamException("the server closed the connection", ex);
        }
    }
}
