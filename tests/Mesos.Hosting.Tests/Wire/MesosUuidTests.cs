using Google.Protobuf;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Tests.Wire;

public sealed class MesosUuidTests
{
    [Fact]
    public void Fresh_uuids_are_sixteen_bytes_that_mesos_accepts()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var uuid = MesosUuid.NewBytes();
            Assert.Equal(16, uuid.Length);
            Assert.Equal(4, uuid[6] >> 4);
            Assert.Equal(0b10, uuid[8] >> 6);
            Assert.True(MesosUuid.IsValid(uuid.Span));
            Assert.True(seen.Add(uuid.ToBase64()));
        }
    }

    [Fact]
    public void Guid_ToByteArray_order_would_be_refused_by_mesos_most_of_the_time()
    {
        // Why MesosUuid exists: the mixed-endian order moves the version nibble out of byte 6.
        var refused = Enumerable.Range(0, 1000).Count(_ => !MesosUuid.IsValid(Guid.NewGuid().ToByteArray()));

        Assert.InRange(refused, 550, 850);
    }

    [Fact]
    public void Text_and_bytes_convert_in_network_order()
    {
        var bytes = MesosUuid.Parse("50acf927-e998-4e38-97fc-169d0c50df76");

        Assert.Equal(new byte[] { 0x50, 0xAC, 0xF9, 0x27, 0xE9, 0x98, 0x4E, 0x38, 0x97, 0xFC, 0x16, 0x9D, 0x0C, 0x50, 0xDF, 0x76 }, bytes.ToByteArray());
        Assert.Equal("50acf927-e998-4e38-97fc-169d0c50df76", MesosUuid.ToText(bytes.Span));
    }

    [Theory]
    [InlineData(15, 0x40)]
    [InlineData(17, 0x40)]
    [InlineData(16, 0x00)]
    [InlineData(16, 0x60)]
    [InlineData(16, 0xF0)]
    public void Mesos_refuses_wrong_lengths_and_version_nibbles(int length, byte byteSix)
    {
        var bytes = new byte[length];
        bytes[6] = byteSix;

        Assert.False(MesosUuid.IsValid(bytes));
    }

    [Fact]
    public void The_uuids_of_the_captured_acknowledgements_are_valid()
    {
        foreach (var base64 in new[] { "4yq3ft7TTfaN71hjQxYG4w==", "9472U+H5RXeW77Byo/Rpww==", "O+b39wpeTz+0eXa2AsJ9oA==" })
        {
            Assert.True(MesosUuid.IsValid(ByteString.FromBase64(base64).Span));
        }
    }

    [Fact]
    public void A_guid_of_the_wrong_length_is_refused_with_the_length()
    {
        var ex = Assert.Throws<ArgumentException>(() => MesosUuid.ToGuid(new byte[37]));

        Assert.Contains("not 37", ex.Message, StringComparison.Ordinal);
    }
}
