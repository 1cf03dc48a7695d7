using System.Globalization;

namespace Mesos.Hosting;

/// <summary>
/// A RecordIO stream that is not <c>&lt;decimal length&gt;\n&lt;payload&gt;</c> repeated: it says where
/// the stream went wrong, what the reader expected there and what it found instead.
/// </summary>
public sealed class RecordIoException : MesosProtocolException
{
    /// <summary>Creates the exception for a fault at <paramref name="offset"/> bytes into the stream.</summary>
    public RecordIoException(long offset, string expected, string found)
        : base(string.Create(CultureInfo.InvariantCulture, $"Malformed RecordIO stream at byte offset {offset}: expected {expected}, found {found}."))
    {
        Offset = offset;
        Expected = expected;
        Found = found;
    }

    /// <summary>Bytes from the start of the stream to the first byte at fault.</summary>
    public long Offset { get; }

    /// <summary>What a well-formed stream has at <see cref="Offset"/>.</summary>
    public string Expected { get; }

    /// <summary>What this stream has there instead.</summary>
    public string Found { get; }

    internal static string Describe(byte value) => value switch
    {
        (byte)'\n' => @"'\n'",
        (byte)'\r' => @"'\r'",
        >= 0x20 and < 0x7F => string.Create(CultureInfo.InvariantCulture, $"'{(char)value}' (0x{value:X2})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"byte 0x{value:X2}"),
    };
}
