using System.Buffers;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Offer = Mesos.V1.Offer;
using OfferID = Mesos.V1.OfferID;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>
/// A large OFFERS event parsed on several cores is exactly the event the plain parse gives; whatever the parallel
/// path does not expect goes to the plain parse, with its answer or its error.
/// </summary>
public sealed class OffersParallelParseTests
{
    [Fact]
    public async Task A_thousand_captured_offers_parse_in_parallel_into_the_plain_parses_event()
    {
        var bytes = (await OffersEventAsync(1000)).ToByteArray();

        var parallel = OffersParallelParse.TryParse(new ReadOnlySequence<byte>(bytes));

        Assert.NotNull(parallel);
        Assert.Equal(Event.Parser.ParseFrom(bytes), parallel);
        Assert.Equal(Event.Parser.ParseFrom(bytes), MesosCodec.Protobuf.Decode<Event>(bytes.AsMemory()));
    }

    [Fact]
    public async Task Another_field_a_second_offers_message_or_an_unknown_field_leave_the_event_to_the_plain_parse()
    {
        // Appended protobuf fields merge into the message, as a second record part would.
        var whole = (await OffersEventAsync(300)).ToByteArray();
        Assert.NotNull(OffersParallelParse.TryParse(new ReadOnlySequence<byte>(whole)));
        var rescind = new Event { Rescind = new Event.Types.Rescind { OfferId = new OfferID { Value = "o" } } }.ToByteArray();
        var secondOffers = (await OffersEventAsync(1)).ToByteArray();
        byte[] unknownField = [0x98, 0x06, 1]; // field 99, varint 1
        byte[][] records = [[.. whole, .. rescind], [.. whole, .. secondOffers], [.. whole, .. unknownField]];

        foreach (var record in records)
        {
            Assert.Null(OffersParallelParse.TryParse(new ReadOnlySequence<byte>(record)));
            Assert.Equal(Event.Parser.ParseFrom(record), MesosCodec.Protobuf.Decode<Event>(record.AsMemory()));
        }
    }

    [Fact]
    public async Task An_offer_without_a_required_field_parses_as_plainly_and_a_record_cut_short_fails_as_the_plain_parse_does()
    {
        // Required fields are the driver's to check (it declines such an offer); the parse does not refuse them.
        var missingHostname = await OffersEventAsync(300);
        missingHostname.Offers.Offers_[157].ClearHostname();
        var bytes = missingHostname.ToByteArray();
        Assert.Equal(Event.Parser.ParseFrom(bytes), OffersParallelParse.TryParse(new ReadOnlySequence<byte>(bytes)));

        var cut = (await OffersEventAsync(300)).ToByteArray()[..^10];
        Assert.Null(OffersParallelParse.TryParse(new ReadOnlySequence<byte>(cut)));
        var failure = Assert.IsType<MesosDecodeException>(Record.Exception(() => MesosCodec.Protobuf.Decode<Event>(cut.AsMemory())));
        Assert.Equal(MesosDecodeFailure.NotProtobuf, failure.Failure);
    }

    // An OFFERS event of <paramref name="count"/> copies of the offer a real master sent, each with its own ID.
    private static async Task<Event> OffersEventAsync(int count)
    {
        await using var reader = new RecordIoReader(new MemoryStream(Captures.Bytes("scheduler-protobuf-stream.rio")));
        Offer? captured = null;
        while (captured is null && await reader.ReadAsync())
        {
            captured = Event.Parser.ParseFrom(reader.Current.ToArray()) is { Type: Event.Types.Type.Offers } evt ? evt.Offers.Offers_[0] : null;
        }

        var offers = new Event.Types.Offers();
        for (var i = 0; i < count; i++)
        {
            var offer = captured!.Clone();
            offer.Id = new OfferID { Value = $"{captured.Id.Value}-{i}" };
            offers.Offers_.Add(offer);
        }

        return new Event { Type = Event.Types.Type.Offers, Offers = offers };
    }
}
