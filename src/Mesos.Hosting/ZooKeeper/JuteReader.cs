using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// Reads jute records from one frame a server sent. Every length and count is checked against
/// what is left of the frame before anything is allocated, so a lying peer costs nothing.
/// </summary>
internal sealed class JuteReader(ReadOnlyMemory<byte> frame, string record)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private int _position;

    public int Remaining => frame.Length - _position;

    /// <summary>What is left of the frame, unread: the body behind a reply header.</summary>
    public ReadOnlyMemory<byte> Rest => frame[_position..];

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));

    public bool ReadBoolean() => Take(1)[0] != 0;

    /// <summary>A string; null when the server wrote -1.</summary>
    public string? ReadString()
    {
        var length = ReadLength("string");
        if (length < 0)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException ex)
        {
            throw Malformed("a string is not UTF-8: " + ex.Message);
        }
    }

    /// <summary>A buffer; empty when the server wrote -1 (null).</summary>
    public ReadOnlyMemory<byte> ReadBuffer()
    {
        var length = ReadLength("buffer");
        if (length < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var start = _position;
        Take(length);
        return frame.Slice(start, length);
    }

    /// <summary>A vector of strings none of which may be null; an absent vector reads as empty.</summary>
    public IReadOnlyList<string> ReadStrings()
    {
        // Each element takes at least its 4-byte length: a count the frame cannot hold is a lie.
        var count = ReadLength("vector", elementSize: sizeof(int));
        var values = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            values.Add(ReadString() ?? throw Malformed(string.Create(CultureInfo.InvariantCulture, $"element {i} of a vector is null")));
        }

        return values;
    }

    public void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw Malformed(string.Create(CultureInfo.InvariantCulture, $"{Remaining} bytes follow the end of the record"));
        }
    }

    private int ReadLength(string what, int elementSize = 1)
    {
        var length = ReadInt32();
        if (length < -1 || (long)length * elementSize > Remaining)
        {
            throw Malformed(string.Create(CultureInfo.InvariantCulture, $"a {what} of length {length} where {Remaining} bytes are left"));
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Malformed(string.Create(CultureInfo.InvariantCulture, $"it ends {count - Remaining} bytes short"));
        }

        var span = frame.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    private InvalidDataException Malformed(string detail) => new($"ZooKeeper sent a malformed {record}: {detail}.");
}
