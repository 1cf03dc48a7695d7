using System.Buffers;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Wire;

/// <summary>
/// Parses a protobuf OFFERS event that carries many offers on several cores. The offers are independent messages: a
/// scan of the event's fields and of its Offers message finds each offer's bytes, and the offers are parsed in
/// parallel into the Event the plain parse gives. Whatever the scan does not expect (another field, a second Offers,
/// bytes that end early) or an offer that does not parse leaves the record to the plain parse, which then gives its
/// usual answer or error; so the result is always the plain parse's, sooner.
/// </summary>
internal static class OffersParallelParse
{
    /// <summary>Records smaller than this are not worth the scan: a thousand offers make about 350 KB.</summary>
    public const int MinimumBytes = 32 * 1024;

    // Below this many offers, handing work to another thread costs more than it saves.
    private const int MinimumOffers = 64;

    private const int TypeField = 1;
    private const int OffersField = 3;
    private const int OfferField = 1;
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private static readonly int Workers = Math.Min(System.Environment.ProcessorCount, 8);

    /// <summary>The event, or null when the plain parse is to decode it.</summary>
    public static Event? TryParse(in ReadOnlySequence<byte> payload)
    {
        if (Workers < 2 || !payload.IsSingleSegment || payload.Length < MinimumBytes)
        {
            return null;
        }

        var record = payload.First;
        if (!TryFindOffers(record.Span, out var type, out var offersStart, out var offersLength)
            || FindOffers(record.Span.Slice(offersStart, offersLength)) is not { Count: >= MinimumOffers } offers)
        {
            return null;
        }

        var parsed = new Offer[offers.Count];
        try
        {
            var within = record.Slice(offersStart, offersLength);
            Parallel.For(0, Workers, worker =>
            {
                for (var i = worker; i < parsed.Length; i += Workers)
                {
                    parsed[i] = Offer.Parser.ParseFrom(within.Span.Slice(offers[i].Start, offers[i].Length));
                }
            });
        }
        catch (AggregateException)
        {
            return null;
        }

        var evt = new Event { Offers = new Event.Types.Offers() };
        if (type is { } value)
        {
            evt.Type = (Event.Types.Type)value;
        }

        evt.Offers.Offers_.Add(parsed);
        return evt;
    }

    // The event's type, if given, and where its one Offers message lies; false for any other field.
    private static bool TryFindOffers(ReadOnlySpan<byte> record, out int? type, out int start, out int length)
    {
        (type, start, length) = (null, -1, 0);
        var position = 0;
        while (position < record.Length)
        {
            if (!TryReadVarint(record, ref position, out var tag))
            {
                return false;
            }

            switch ((Field: tag >> 3, WireType: tag & 7))
            {
                case (TypeField, VarintWireType) when TryReadVarint(record, ref position, out var value) && value <= int.MaxValue:
                    type = (int)value;
                    break;
                case (OffersField, LengthDelimitedWireType) when start < 0 && TryReadLength(record, ref position, out length):
                    start = position;
                    position += length;
                    break;
                default:
                    return false;
            }
        }

        return start >= 0;
    }

    // Where each offer lies in the Offers message; null for any other field.
    private static List<(int Start, int Length)>? FindOffers(ReadOnlySpan<byte> offers)
    {
        var found = new List<(int Start, int Length)>();
        var position = 0;
        while (position < offers.Length)
        {
            if (!TryReadVarint(offers, ref position, out var tag) || tag != ((OfferField << 3) | LengthDelimitedWireType) || !TryReadLength(offers, ref position, out var length))
            {
                return null;
            }

            found.Add((position, length));
            position += length;
        }

        return found;
    }

    // A length that fits in what is left.
    private static bool TryReadLength(ReadOnlySpan<byte> bytes, ref int position, out int length)
    {
        length = 0;
        if (!TryReadVarint(bytes, ref position, out var value) || value > (ulong)(bytes.Length - position))
        {
            return false;
        }

        length = (int)value;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < bytes.Length; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
