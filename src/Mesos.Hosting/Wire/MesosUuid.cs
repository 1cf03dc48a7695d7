using Google.Protobuf;

namespace Mesos.Hosting.Wire;

/// <summary>
/// The 16-byte RFC-4122 UUIDs of status updates, in network byte order. <see cref="Guid.ToByteArray()"/>
/// writes the first three groups little-endian, which moves the version nibble out of byte 6 and
/// makes Mesos reject about eleven Guids in sixteen; everything here uses big-endian order.
/// </summary>
public static class MesosUuid
{
    /// <summary>Bytes in a Mesos UUID.</summary>
    public const int Length = 16;

    /// <summary>A fresh random (version 4) UUID as Mesos expects it in <c>TaskStatus.uuid</c>.</summary>
    public static ByteString NewBytes() => ByteString.CopyFrom(FromGuid(Guid.NewGuid()));

    /// <summary>The network-order bytes of <paramref name="value"/>.</summary>
    public static byte[] FromGuid(Guid value) => value.ToByteArray(bigEndian: true);

    /// <summary>The Guid whose network-order bytes are <paramref name="bytes"/>.</summary>
    public static Guid ToGuid(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A Mesos UUID has {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// True when <paramref name="bytes"/> is what Mesos accepts: 16 bytes whose version nibble
    /// (the high nibble of byte 6) is 1 to 5.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> bytes) => bytes.Length == Length && (bytes[6] >> 4) is >= 1 and <= 5;

    /// <summary>The canonical lowercase text form (8-4-4-4-12), as Mesos logs and prints UUIDs.</summary>
    public static string ToText(ReadOnlySpan<byte> bytes) => ToGuid(bytes).ToString("D");

    /// <summary>Parses the canonical text form into network-order bytes.</summary>
    public static ByteString Parse(string text) => ByteString.CopyFrom(FromGuid(Guid.ParseExact(text, "D")));
}
