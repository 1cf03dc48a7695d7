using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>
/// Reads HTTP/1.1 answers off the bytes a connection has received. A pipelined connection takes whole answers, one
/// after another: the status, and whether the peer closes the connection after it; their bodies are skipped, never kept,
/// for a call's answer is judged by its status alone (Mesos answers calls 202 with an empty body). An executor's
/// connection takes an answer's head alone, and reads the body that follows with <see cref="HttpBodyStream"/>. Every
/// part is bounded, and anything that is not HTTP/1.1 as RFC 9112 frames it is a <see cref="MesosProtocolException"/>
/// naming what was wrong, after which the connection's later bytes cannot be trusted.
/// </summary>
internal static class HttpAnswerReader
{
    // Mesos's answers to calls carry a few hundred bytes of headers; an error body is a line of text.
    public const int MaxHead = 16 * 1024;
    public const int MaxBody = 1024 * 1024;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    /// <summary>
    /// Takes the next whole answer off the front of <paramref name="buffer"/>; false when it has not all arrived yet.
    /// Interim 1xx answers are skipped.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out HttpAnswer answer)
    {
        var rest = buffer;
        if (!TryReadHead(ref rest, out var head))
        {
            answer = default;
            return false;
        }

        var reader = new SequenceReader<byte>(rest);
        if (!TrySkipBody(ref reader, head))
        {
            answer = default;
            return false;
        }

        buffer = rest.Slice(reader.Position);
        answer = new HttpAnswer(head.Status, head.Closes);
        return true;
    }

    /// <summary>
    /// Takes the head of the next answer off the front of <paramref name="buffer"/>, leaving its body there; false when
    /// the head has not all arrived yet. Interim 1xx answers are skipped.
    /// </summary>
    public static bool TryReadHead(ref ReadOnlySequence<byte> buffer, out HttpAnswerHead answer)
    {
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd))
            {
                Check(buffer.Length <= MaxHead, $"An answer's headers went on past {MaxHead} bytes.");
                answer = default;
                return false;
            }

            Check(head.Length <= MaxHead, $"An answer with {head.Length} bytes of headers.");
            answer = Head(head);
            buffer = buffer.Slice(reader.Position);

            // Interim answers come before the real one; 101 (a protocol switch) is no answer to a call.
            if (answer.Status is < 100 or >= 200 or 101)
            {
                return true;
            }
        }
    }

    private static HttpAnswerHead Head(ReadOnlySequence<byte> head)
    {
        Span<byte> bytes = stackalloc byte[(int)head.Length];
        head.CopyTo(bytes);
        var lines = bytes.IndexOf(LineEnd) is var end and >= 0 ? end : bytes.Length;
        var status = Status(bytes[..lines]);
        long? length = null;
        var chunked = false;
        var closes = false;
        string? retryAfter = null;
        foreach (var range in bytes[lines..].Split(LineEnd))
        {
            var line = bytes[lines..][range];
            var colon = line.IndexOf((byte)':');
            if (line.IsEmpty || colon <= 0)
            {
                Check(line.IsEmpty, $"An answer header without a name: '{PeerText.From(line, truncated: false)}'.");
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                // Two lengths that differ would leave the answer's end in doubt (RFC 9112 §6.3).
                Check(Utf8Parser.TryParse(value, out long parsed, out var used) && used == value.Length && parsed >= 0 && (length is null || length == parsed),
                    $"An answer with a Content-Length of '{PeerText.From(value, truncated: false)}'.");
                length = parsed;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                Check(Ascii.EqualsIgnoreCase(value, "chunked"u8), $"An answer in a transfer encoding other than chunked: '{PeerText.From(value, truncated: false)}'.");
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Retry-After"u8))
            {
                retryAfter = Encoding.ASCII.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                foreach (var option in value.Split((byte)','))
                {
                    closes |= Ascii.EqualsIgnoreCase(value[option].Trim(" \t"u8), "close"u8);
                }
            }
        }

        // HTTP/1.0 closes after each answer; a length beside chunked framing is a conflict that only closing resolves
        // (RFC 9112 §6.3); after a switch of protocols nothing more is HTTP.
        closes |= bytes[7] == (byte)'0' || (chunked && length is not null) || status == 101;
        var bodiless = status is < 200 or 204 or 304;
        Check(bodiless || chunked || length is not null, $"An answer ({status}) that says neither its length nor that it is chunked.");
        Check(bodiless || length is null or <= MaxBody, $"An answer with a body of {length} bytes.");
        return new HttpAnswerHead(status, bodiless ? 0 : chunked ? null : length, closes, retryAfter);
    }

    // "HTTP/1.1 202 Accepted": the version, a space, three digits, and then anything.
    private static int Status(ReadOnlySpan<byte> line)
    {
        var status = 0;
        var valid = line.Length >= 12 && line.StartsWith("HTTP/1."u8) && char.IsAsciiDigit((char)line[7]) && line[8] == (byte)' '
            && Utf8Parser.TryParse(line.Slice(9, 3), out status, out var used) && used == 3 && status >= 100
            && (line.Length == 12 || line[12] == (byte)' ');
        Check(valid, $"An answer whose status line is not HTTP/1.x: '{PeerText.From(line, truncated: false)}'.");
        return status;
    }

    private static bool TrySkipBody(ref SequenceReader<byte> reader, HttpAnswerHead head)
    {
        if (head.Length is { } length)
        {
            return TryAdvance(ref reader, length);
        }

        var framing = new ChunkedFraming();
        var skipped = 0L;
        while (!framing.Ended)
        {
            if (framing.DataLeft == 0)
            {
                if (!framing.TryTake(ref reader))
                {
                    return false;
                }

                continue;
            }

            skipped += framing.DataLeft;
            Check(skipped <= MaxBody, $"A chunked answer of more than {MaxBody} bytes.");

            // Chunk extensions and tiny chunks would let framing outgrow the data it frames, and every read walks the
            // answer again from its head: the bytes of the whole answer are bounded too.
            Check(reader.Consumed <= MaxHead + 2L * MaxBody, $"A chunked answer of more than {MaxHead + 2L * MaxBody} bytes with its framing.");
            if (!TryAdvance(ref reader, framing.DataLeft))
            {
                return false;
            }

            framing.TookData(framing.DataLeft);
        }

        return true;
    }

    private static bool TryAdvance(ref SequenceReader<byte> reader, long count)
    {
        if (reader.Remaining < count)
        {
            return false;
        }

        reader.Advance(count);
        return true;
    }

    public static void Check(bool holds, string otherwise)
    {
        if (!holds)
        {
            throw new MesosProtocolException(otherwise);
        }
    }
}

/// <summary>
/// What an answer's head says: the status, the body's length (0 when it has none, null when chunked), whether the peer
/// closes the connection after it, and its Retry-After as sent.
/// </summary>
internal readonly record struct HttpAnswerHead(int Status, long? Length, bool Closes, string? RetryAfter);

/// <summary>One answer on a pipelined connection: its status, and whether the peer closes the connection after it.</summary>
internal readonly record struct HttpAnswer(int Status, bool ClosesConnection);
