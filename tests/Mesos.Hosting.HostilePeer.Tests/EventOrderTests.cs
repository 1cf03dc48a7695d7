using System.Buffers;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// The driver reads on one thread and decodes on others, two decoders taking the batches in turn: whatever the
/// master's writes look like (records split anywhere, many records per write, more than a batch at once), the callbacks
/// see the events in stream order, and a record that does not decode ends the stream exactly there.
/// </summary>
public sealed class EventOrderTests
{
    private const int Updates = 5000;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // Write sizes that split records at every kind of place: inside a length, between length and payload, mid-payload, and whole batches.
    private static readonly int[] WriteSizes = [1, 7, 3, 300, 4096, 65_537, 11, 130_000];

    [Fact]
    public async Task Events_written_in_pieces_of_every_size_reach_the_callbacks_in_stream_order()
    {
        var stream = new ArrayBufferWriter<byte>();
        for (var i = 0; i < Updates; i++)
        {
            MesosCodec.Protobuf.WriteRecord(stream, HostileMaster.Update($"task-{i}", TaskState.TaskRunning));
        }

        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            var rest = stream.WrittenMemory;
            for (var write = 0; !rest.IsEmpty; write++)
            {
                var size = Math.Min(rest.Length, WriteSizes[write % WriteSizes.Length]);
                await context.Response.Body.WriteAsync(rest[..size], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                rest = rest[size..];
            }

            await HostileServer.HoldAsync(context);
        });
        // A slow first answer on a loaded machine must not be taken for a dead master: a second subscription would replay the stream.
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => o.CallTimeout = Generous);

        await scheduler.Seen.Updates.WaitForCountAsync(Updates, Generous, $"all {Updates} updates");
        Assert.Equal(Enumerable.Range(0, Updates).Select(i => $"task-{i}"), scheduler.Seen.Updates.Snapshot().Select(u => u.TaskId.Value));
    }

    [Fact]
    public async Task A_record_that_does_not_decode_ends_the_stream_there_though_the_other_decoder_has_parsed_what_follows()
    {
        const int Before = 3000;
        const int After = 3000;
        var stream = new ArrayBufferWriter<byte>();
        for (var i = 0; i < Before; i++)
        {
            MesosCodec.Protobuf.WriteRecord(stream, HostileMaster.Update($"task-{i}", TaskState.TaskRunning));
        }

        // A field tag whose varint never ends: not protobuf.
        RecordIoWriter.Write(stream, [0xFF, 0xFF, 0xFF]);
        for (var i = 0; i < After; i++)
        {
            MesosCodec.Protobuf.WriteRecord(stream, HostileMaster.Update($"after-{i}", TaskState.TaskRunning));
        }

        await using var master = await HostileMaster.StartAsync(async (context, attempt) =>
        {
            await HostileMaster.SubscribedAsync(context);
            if (attempt == 1)
            {
                // In one write, so that the reader frames the batches after the bad record while the decoders work.
                await context.Response.Body.WriteAsync(stream.WrittenMemory, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => o.CallTimeout = Generous);

        await scheduler.Logs.WaitForAsync("sent an event that does not decode", Generous);
        await master.Subscribes.WaitForCountAsync(2, Generous, "a second SUBSCRIBE after the stream that broke");
        Assert.Equal(Enumerable.Range(0, Before).Select(i => $"task-{i}"), scheduler.Seen.Updates.Snapshot().Select(u => u.TaskId.Value));
    }
}
