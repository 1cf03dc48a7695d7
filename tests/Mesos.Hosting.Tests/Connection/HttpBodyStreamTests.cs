using System.IO.Pipelines;
using System.Text;
using Mesos.Hosting.Connection;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>An answer's body as an executor's connection reads it: framing taken off however the bytes arrive, its end kept to, breaks named.</summary>
public sealed class HttpBodyStreamTests
{
    // Two chunks, one with an extension, the last chunk, a trailer, and then the next answer's first bytes.
    private const string Chunked = "5;ext=1\r\nhello\r\n7\r\n, agent\r\n0\r\nTrailer: t\r\n\r\nHTTP/1.1";

    [Fact]
    public async Task A_chunked_body_is_read_without_its_framing_wherever_the_bytes_were_split()
    {
        var bytes = Encoding.ASCII.GetBytes(Chunked);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var pipe = new Pipe();
            var body = new HttpBodyStream(pipe.Reader, length: null);
            await pipe.Writer.WriteAsync(bytes.AsMemory(0, split));
            var reading = ReadToEndAsync(body);
            await pipe.Writer.WriteAsync(bytes.AsMemory(split));

            Assert.Equal("hello, agent", await reading.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(body.Ended);
            Assert.Equal("HTTP/1.1", await LeftAsync(pipe));
        }
    }

    [Fact]
    public async Task A_body_of_known_length_ends_there_and_leaves_what_follows()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("No leader electedHTTP/1.1"u8.ToArray());
        var body = new HttpBodyStream(pipe.Reader, length: 17);

        Assert.Equal("No leader elected", await ReadToEndAsync(body));
        Assert.True(body.Ended);
        Assert.Equal("HTTP/1.1", await LeftAsync(pipe));
    }

    [Theory]
    [InlineData(null, "5\r\nhel")]
    [InlineData(null, "5\r\nhello\r\n")]
    [InlineData(10L, "hello")]
    public async Task A_connection_that_ends_before_the_body_does_is_a_broken_connection(long? length, string sent)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes(sent));
        await pipe.Writer.CompleteAsync();

        var broken = await Assert.ThrowsAsync<IOException>(() => ReadToEndAsync(new HttpBodyStream(pipe.Reader, length)));

        Assert.Equal("The connection closed in the middle of an answer's body.", broken.Message);
    }

    [Theory]
    [InlineData("5\r\nhelloXY", "An answer's chunk did not end where its size said.")]
    [InlineData("5 bytes\r\n", "An answer's chunk size is not a number: '5 bytes'.")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000005", "An answer's chunk size line went on past 64 bytes.")]
    public async Task Chunk_framing_that_is_not_HTTP_1_1_is_refused_naming_what_was_wrong(string sent, string problem)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes(sent));

        var refused = await Assert.ThrowsAsync<MesosProtocolException>(() => ReadToEndAsync(new HttpBodyStream(pipe.Reader, length: null)));

        Assert.Equal(problem, refused.Message);
    }

    private static async Task<string> ReadToEndAsync(Stream body)
    {
        using var text = new MemoryStream();
        await body.CopyToAsync(text);
        return Encoding.ASCII.GetString(text.ToArray());
    }

    private static async Task<string> LeftAsync(Pipe pipe)
    {
        await pipe.Writer.CompleteAsync();
        var left = new StringBuilder();
        while (true)
        {
            var read = await pipe.Reader.ReadAsync();
            foreach (var segment in read.Buffer)
            {
                left.Append(Encoding.ASCII.GetString(segment.Span));
            }

            pipe.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return left.ToString();
            }
        }
    }
}
