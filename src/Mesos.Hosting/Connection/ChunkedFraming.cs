using System.Buffers;
using System.Buffers.Text;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>
/// Where a chunked HTTP/1.1 body stands between its data (RFC 9112, 7.1): a size line before each chunk, a CRLF after
/// its data, and after the last chunk, of size 0, trailers up to an empty line. The data itself is the caller's to copy
/// or to skip, and to report with <see cref="TookData"/>; this takes only the framing. Both readers of answers walk a
/// chunked body with it: <see cref="HttpAnswerReader"/>, which skips a whole body at once, and
/// <see cref="HttpBodyStream"/>, which hands an event stream on as it arrives.
/// </summary>
internal struct ChunkedFraming
{
    private const int MaxSizeLine = 64;

    private bool _chunkEndDue;
    private bool _inTrailers;

    /// <summary>Bytes of the current chunk's data still to come: the caller's to take before the framing goes on.</summary>
    public long DataLeft { get; private set; }

    /// <summary>Whether the body has ended: its last chunk and trailers have been taken.</summary>
    public bool Ended { get; private set; }

    public void TookData(long count)
    {
        DataLeft -= count;
        _chunkEndDue = DataLeft == 0;
    }

    /// <summary>
    /// Takes the framing at the front of <paramref name="reader"/>, one piece of it: the CRLF after a chunk's data, the
    /// next size line, or the trailers. False when that piece has not all arrived; the caller then reads again from
    /// where it stood, so that trailers are measured against their bound from their start every time.
    /// </summary>
    public bool TryTake(ref SequenceReader<byte> reader)
    {
        if (_chunkEndDue)
        {
            if (reader.Remaining < 2)
            {
                return false;
            }

            HttpAnswerReader.Check(reader.IsNext("\r\n"u8, advancePast: true), "An answer's chunk did not end where its size said.");
            _chunkEndDue = false;
            return true;
        }

        if (_inTrailers)
        {
            Ended = SkipTrailers(ref reader);
            return Ended;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> sizeLine, "\r\n"u8))
        {
            HttpAnswerReader.Check(reader.Remaining <= MaxSizeLine, $"An answer's chunk size line went on past {MaxSizeLine} bytes.");
            return false;
        }

        DataLeft = ChunkSize(sizeLine);
        _inTrailers = DataLeft == 0;
        return true;
    }

    // A size line (without its CRLF): the size in hex, perhaps followed by extensions after a semicolon, which mean
    // nothing here.
    private static long ChunkSize(ReadOnlySequence<byte> line)
    {
        HttpAnswerReader.Check(line.Length <= MaxSizeLine, $"An answer's chunk size line went on past {MaxSizeLine} bytes.");
        Span<byte> bytes = stackalloc byte[(int)line.Length];
        line.CopyTo(bytes);
        var digits = bytes.IndexOf((byte)';') is var semicolon and >= 0 ? bytes[..semicolon] : bytes;
        digits = digits.Trim(" \t"u8);
        uint size = 0;
        HttpAnswerReader.Check(digits.Length is > 0 and <= 8 && Utf8Parser.TryParse(digits, out size, out var used, 'x') && used == digits.Length,
            $"An answer's chunk size is not a number: '{PeerText.From(bytes, truncated: false)}'.");
        return size;
    }

    // The trailers after the last chunk, and the empty line that ends them; false until they have all arrived.
    private static bool SkipTrailers(ref SequenceReader<byte> reader)
    {
        var trailers = 0L;
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            if (line.IsEmpty)
            {
                return true;
            }

            trailers += line.Length;
            HttpAnswerReader.Check(trailers <= HttpAnswerReader.MaxHead, $"An answer's trailers went on past {HttpAnswerReader.MaxHead} bytes.");
        }

        HttpAnswerReader.Check(reader.Remaining <= HttpAnswerReader.MaxHead, $"An answer's trailers went on past {HttpAnswerReader.MaxHead} bytes.");
        return false;
    }
}
