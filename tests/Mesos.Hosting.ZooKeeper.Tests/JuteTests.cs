using System.Buffers.Binary;

namespace Mesos.Hosting.ZooKeeper.Tests;

public sealed class JuteTests
{
    [Fact]
    public void Records_written_are_read_back()
    {
        var frame = JuteWriter.Frame(w =>
        {
            w.WriteInt32(-8);
            w.WriteInt64(long.MaxValue);
            w.WriteBoolean(true);
            w.WriteString("ünïcode");
            w.WriteBuffer([1, 2, 3]);
            w.WriteStrings(["a", "bc"]);
        });

        Assert.Equal(frame.Length - 4, BinaryPrimitives.ReadInt32BigEndian(frame));
        var reader = new JuteReader(frame.AsMemory(4), "test");
        Assert.Equal(-8, reader.ReadInt32());
        Assert.Equal(long.MaxValue, reader.ReadInt64());
        Assert.True(reader.ReadBoolean());
        Assert.Equal("ünïcode", reader.ReadString());
        Assert.Equal([1, 2, 3], reader.ReadBuffer().ToArray());
        Assert.Equal(["a", "bc"], reader.ReadStrings());
        reader.ExpectEnd();
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 9, 65 }, "a string of length 9 where 1 bytes are left")]
    [InlineData(new byte[] { 0x7f, 0xff, 0xff, 0xff }, "a vector of length 2147483647")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xfe }, "of length -2")]
    [InlineData(new byte[] { 0, 0 }, "ends 2 bytes short")]
    public void Lengths_and_counts_the_frame_cannot_hold_are_refused(byte[] body, string problem)
    {
        var reader = new JuteReader(body, "reply");

        var refused = Assert.Throws<InvalidDataException>(() => problem.Contains("vector", StringComparison.Ordinal) ? reader.ReadStrings() : [reader.ReadString()!]);

        Assert.Contains("malformed reply", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_length_over_the_limit_is_refused_before_reading_the_frame()
    {
        var stream = new MemoryStream([0x00, 0x40, 0x00, 0x00, 1, 2, 3]);
        var frames = new ZooKeeperFrameReader(stream, maxFrameLength: 1024);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => frames.ReadAsync(CancellationToken.None));

        Assert.Contains("a frame of 4194304 bytes, over the limit of 1024 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(4, stream.Position);
    }

    [Fact]
    public void A_connect_response_with_an_absurd_password_is_refused()
    {
        var frame = JuteWriter.Frame(w =>
        {
            w.WriteInt32(0);
            w.WriteInt32(4000);
            w.WriteInt64(42);
            w.WriteBuffer(new byte[1000]);
            w.WriteBoolean(false);
        });

        var refused = Assert.Throws<InvalidDataException>(() => ZooKeeperConnectResponse.Read(frame[4..]));

        Assert.Contains("a session password of 1000 bytes", refused.Message, StringComparison.Ordinal);
    }
}
