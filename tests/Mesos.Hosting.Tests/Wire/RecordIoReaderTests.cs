using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Tests.Wire;

public sealed class RecordIoReaderTests
{
    [Fact]
    public async Task Ten_thousand_records_cut_into_random_chunks_come_out_whole()
    {
        var random = new Random(20261124);
        var records = Enumerable.Range(0, 10_000).Select(i => RandomPayload(random, i)).ToList();
        var stream = new ChunkedStream(Frame(records), () => random.Next(1, 4097));

        var read = await ReadAll(new RecordIoReader(stream, new RecordIoReaderOptions { StreamBufferSize = 512 }));

        Assert.Equal(records.Count, read.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].AsSpan().SequenceEqual(read[i]), $"record {i} differs");
        }

        Assert.True(stream.Reads > 1000, "the stream should have been read in many small pieces");
    }

    [Fact]
    public async Task Records_split_byte_by_byte_through_a_pipe_come_out_whole()
    {
        List<byte[]> records = [Encoding.UTF8.GetBytes("{\"type\":\"HEARTBEAT\"}"), [0x0A, 0x0A, 0x31, 0x0A], []];
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            foreach (var b in Frame(records))
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }

            await pipe.Writer.CompleteAsync();
        });

        var read = await ReadAll(new RecordIoReader(pipe.Reader));
        await writing;

        Assert.Equal(records, read);
    }

    [Fact]
    public async Task Many_records_in_one_read_are_yielded_one_at_a_time()
    {
        var records = Enumerable.Range(0, 100).Select(i => Encoding.ASCII.GetBytes($"record {i}\n")).ToList();
        await using var reader = new RecordIoReader(new MemoryStream(Frame(records)));

        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(records[i], reader.Current.ToArray());
        }

        Assert.False(await reader.ReadAsync());
        Assert.Equal(Frame(records).Length, reader.BytesConsumed);
    }

    [Fact]
    public async Task A_zero_length_record_is_an_empty_record_as_in_stout()
    {
        var read = await ReadAll(new RecordIoReader(new MemoryStream("0\n3\nabc"u8.ToArray())));

        Assert.Equal([[], "abc"u8.ToArray()], read);
    }

    [Fact]
    public async Task An_empty_stream_has_no_records()
    {
        Assert.Empty(await ReadAll(new RecordIoReader(new MemoryStream())));
    }

    [Fact]
    public async Task A_non_numeric_length_names_the_offset_and_the_byte()
    {
        var ex = await ReadExpectingError("3\nabc12x4\nabcd");

        Assert.Equal(7, ex.Offset);
        Assert.Contains("decimal digit", ex.Expected, StringComparison.Ordinal);
        Assert.Equal("'x' (0x78)", ex.Found);
        Assert.Contains("byte offset 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_length_is_refused()
    {
        var ex = await ReadExpectingError("\nabc");

        Assert.Equal(0, ex.Offset);
        Assert.Equal("an empty length", ex.Found);
    }

    [Fact]
    public async Task A_length_over_the_maximum_is_refused_before_the_record_arrives()
    {
        var ex = await ReadExpectingError("101\n", new RecordIoReaderOptions { MaxRecordLength = 100 });

        Assert.Equal("a record length of at most 100 bytes", ex.Expected);
        Assert.Equal("101 bytes", ex.Found);
    }

    [Fact]
    public async Task A_length_of_more_than_twenty_digits_is_refused()
    {
        var ex = await ReadExpectingError("123456789012345678901\n");

        Assert.Contains("at most 20 digits", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_record_says_how_much_was_missing()
    {
        var ex = await ReadExpectingError("2\nok10\nabc");

        Assert.Equal(10, ex.Offset);
        Assert.Equal("10 payload bytes", ex.Expected);
        Assert.Equal("the end of the stream after 3", ex.Found);
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_length_is_refused()
    {
        var ex = await ReadExpectingError("2\nok12");

        Assert.Equal(6, ex.Offset);
        Assert.Equal("the end of the stream", ex.Found);
    }

    [Fact]
    public async Task A_reader_that_hit_a_malformed_stream_reads_no_further()
    {
        await using var reader = new RecordIoReader(new MemoryStream("x\n"u8.ToArray()));
        await Assert.ThrowsAsync<RecordIoException>(async () => await reader.ReadAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task A_one_gigabyte_length_is_refused_without_allocating_it()
    {
        // MemoryStream reads complete synchronously, so every allocation lands on this thread.
        var stream = new MemoryStream(Encoding.ASCII.GetBytes("1073741824\n" + new string('x', 100)));
        await using var reader = new RecordIoReader(stream);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<RecordIoException>(async () => await reader.ReadAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("1073741824 bytes", ex.Found);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_large_announced_record_is_never_allocated_up_front()
    {
        var stream = new MemoryStream(Encoding.ASCII.GetBytes("1073741824\n" + new string('x', 100)));
        await using var reader = new RecordIoReader(stream, new RecordIoReaderOptions { MaxRecordLength = 2L * 1024 * 1024 * 1024 });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<RecordIoException>(async () => await reader.ReadAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("the end of the stream after 100", ex.Found);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Cancellation_stops_a_read_that_waits_for_bytes()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("5\nab"u8.ToArray());
        await using var reader = new RecordIoReader(pipe.Reader);
        using var cancellation = new CancellationTokenSource();

        var read = reader.ReadAsync(cancellation.Token).AsTask();
        Assert.False(read.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    internal static byte[] Frame(IEnumerable<byte[]> records)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var record in records)
        {
            RecordIoWriter.Write(output, record);
        }

        return output.WrittenSpan.ToArray();
    }

    private static byte[] RandomPayload(Random random, int index)
    {
        // Mostly small events, now and then a large OFFERS-sized one; newlines included on purpose.
        var payload = new byte[index % 997 == 0 ? random.Next(20_000, 200_000) : random.Next(0, 600)];
        random.NextBytes(payload);
        if (payload.Length > 2)
        {
            payload[payload.Length / 2] = (byte)'\n';
        }

        return payload;
    }

    private static async Task<List<byte[]>> ReadAll(RecordIoReader reader)
    {
        var records = new List<byte[]>();
        await using (reader)
        {
            while (await reader.ReadAsync())
            {
                records.Add(reader.Current.ToArray());
            }
        }

        return records;
    }

    private static async Task<RecordIoException> ReadExpectingError(string stream, RecordIoReaderOptions? options = null)
    {
        await using var reader = new RecordIoReader(new MemoryStream(Encoding.ASCII.GetBytes(stream)), options);
        return await Assert.ThrowsAsync<RecordIoException>(async () =>
        {
            while (await reader.ReadAsync())
            {
            }
        });
    }
}
