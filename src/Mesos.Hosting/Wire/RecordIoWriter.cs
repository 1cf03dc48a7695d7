using System.Buffers;
using System.Buffers.Text;

namespace Mesos.Hosting.Wire;

/// <summary>Frames payloads as RecordIO records: the length in ASCII decimal, <c>\n</c>, the payload.</summary>
public static class RecordIoWriter
{
    /// <summary>The longest header: twenty digits of a uint64 length and the newline.</summary>
    public const int MaxHeaderLength = 21;

    /// <summary>Writes one record holding <paramref name="payload"/>.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(MaxHeaderLength + payload.Length);
        var header = WriteHeader(span, payload.Length);
        payload.CopyTo(span[header..]);
        output.Advance(header + payload.Length);
    }

    /// <summary>Writes one record holding <paramref name="message"/> in the codec's encoding.</summary>
    public static void Write(IBufferWriter<byte> output, Google.Protobuf.IMessage message, MesosCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        codec.WriteRecord(output, message);
    }

    /// <summary>Writes the header announcing <paramref name="payloadLength"/> bytes; returns its length.</summary>
    public static int WriteHeader(Span<byte> destination, long payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        if (!Utf8Formatter.TryFormat(payloadLength, destination, out var digits) || digits >= destination.Length)
        {
            throw new ArgumentException($"A RecordIO header needs up to {MaxHeaderLength} bytes.", nameof(destination));
        }

        destination[digits] = (byte)'\n';
        return digits + 1;
    }
}
