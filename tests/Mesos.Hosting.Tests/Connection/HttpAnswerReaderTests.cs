using System.Buffers;
using System.Text;
using Mesos.Hosting.Connection;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>The answers a pipelined connection reads: framed exactly, however the bytes arrive, and refused with a reason when they are not HTTP/1.1.</summary>
public sealed class HttpAnswerReaderTests
{
    // A 202 as libprocess sends it, a 100 Continue before a chunked 200 with an extension and a trailer, and a 503
    // with a body after which the peer closes.
    private static readonly byte[] ThreeAnswers = Encoding.ASCII.GetBytes(
        "HTTP/1.1 202 Accepted\r\nDate: Tue, 24 Nov 2026 03:37:54 GMT\r\nContent-Length: 0\r\n\r\n"
        + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nTrailer: t\r\n\r\n"
        + "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 17\r\nConnection: close\r\n\r\nNo leader elected");

    [Fact]
    public void Answers_are_read_whole_and_in_order_wherever_the_bytes_were_split()
    {
        for (var split = 0; split <= ThreeAnswers.Length; split++)
        {
            var answers = new List<HttpAnswer>();
            var consumed = ReadAll(ThreeAnswers.AsMemory(0, split), answers);
            consumed += ReadAll(ThreeAnswers.AsMemory(consumed), answers);

            Assert.Equal(ThreeAnswers.Length, consumed);
            Assert.Equal([new HttpAnswer(202, false), new HttpAnswer(200, false), new HttpAnswer(503, true)], answers);
        }
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "An answer whose status line is not HTTP/1.x: 'HTTP/2 200 OK'.")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", "An answer whose status line is not HTTP/1.x: 'SSH-2.0-OpenSSH_9.2'.")]
    [InlineData("HTTP/1.1 202 Accepted\r\n\r\n", "An answer (202) that says neither its length nor that it is chunked.")]
    [InlineData("HTTP/1.1 202 Accepted\r\nContent-Length: -1\r\n\r\n", "An answer with a Content-Length of '-1'.")]
    [InlineData("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n", "An answer with a Content-Length of '5'.")]
    [InlineData("HTTP/1.1 202 Accepted\r\nContent-Length: 2000000\r\n\r\n", "An answer with a body of 2000000 bytes.")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "An answer in a transfer encoding other than chunked: 'gzip'.")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "An answer's chunk size is not a number: 'zz'.")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n", "An answer's chunk did not end where its size said.")]
    [InlineData("HTTP/1.1 202 Accepted\r\nno colon here\r\nContent-Length: 0\r\n\r\n", "An answer header without a name: 'no colon here'.")]
    public void An_answer_that_is_not_HTTP_1_1_is_refused_naming_what_was_wrong(string answer, string problem)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(answer));

        var refused = Assert.Throws<MesosProtocolException>(() => HttpAnswerReader.TryRead(ref buffer, out _));

        Assert.Equal(problem, refused.Message);
    }

    [Fact]
    public void Headers_that_never_end_are_refused_once_past_the_bound_not_buffered_for_ever()
    {
        var endless = Encoding.ASCII.GetBytes("HTTP/1.1 202 Accepted\r\n" + new string('x', HttpAnswerReader.MaxHead));
        var buffer = new ReadOnlySequence<byte>(endless);

        var refused = Assert.Throws<MesosProtocolException>(() => HttpAnswerReader.TryRead(ref buffer, out _));

        Assert.Equal($"An answer's headers went on past {HttpAnswerReader.MaxHead} bytes.", refused.Message);
    }

    [Fact]
    public void A_chunked_body_past_the_bound_is_refused()
    {
        var chunk = new string('x', 0x80000);
        var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n80000\r\n{chunk}\r\n80000\r\n{chunk}\r\n1\r\nx\r\n0\r\n\r\n");
        var buffer = new ReadOnlySequence<byte>(answer);

        var refused = Assert.Throws<MesosProtocolException>(() => HttpAnswerReader.TryRead(ref buffer, out _));

        Assert.Equal($"A chunked answer of more than {HttpAnswerReader.MaxBody} bytes.", refused.Message);
    }

    [Fact]
    public void A_switch_of_protocols_is_an_answer_that_ends_the_connection_and_a_close_among_connection_options_is_seen()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\nHTTP/1.1 202 Accepted\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n"));

        Assert.True(HttpAnswerReader.TryRead(ref buffer, out var switched));
        Assert.True(HttpAnswerReader.TryRead(ref buffer, out var closing));

        Assert.Equal(new HttpAnswer(101, true), switched);
        Assert.Equal(new HttpAnswer(202, true), closing);
    }

    [Theory]
    [InlineData("HTTP/1.0 202 Accepted\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")]
    public void An_HTTP_1_0_answer_or_one_framed_two_ways_ends_the_connection(string answer)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(answer));

        Assert.True(HttpAnswerReader.TryRead(ref buffer, out var read));

        Assert.True(read.ClosesConnection);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Chunk_framing_that_outgrows_its_data_is_refused_once_past_the_bound()
    {
        // One byte of data per chunk behind a 50-byte extension: 2 MB of framing around 40 KB of data.
        var chunk = $"1;{new string('e', 50)}\r\nx\r\n";
        var answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + string.Concat(Enumerable.Repeat(chunk, 40_000));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(answer));

        var refused = Assert.Throws<MesosProtocolException>(() => HttpAnswerReader.TryRead(ref buffer, out _));

        Assert.Equal($"A chunked answer of more than {HttpAnswerReader.MaxHead + 2L * HttpAnswerReader.MaxBody} bytes with its framing.", refused.Message);
    }

    // Reads every whole answer in the bytes; returns how many bytes they took.
    private static int ReadAll(ReadOnlyMemory<byte> bytes, List<HttpAnswer> answers)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (HttpAnswerReader.TryRead(ref buffer, out var answer))
        {
            answers.Add(answer);
        }

        return bytes.Length - (int)buffer.Length;
    }
}
