using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// Writes jute, ZooKeeper's record encoding: big-endian integers, strings and buffers behind an
/// int length (-1 for null), vectors behind an int count. Each frame starts with its own length.
/// </summary>
internal sealed class JuteWriter
{
    private readonly ArrayBufferWriter<byte> _output = new();

    private JuteWriter()
    {
    }

    /// <summary>One length-prefixed frame holding what <paramref name="write"/> writes.</summary>
    public static byte[] Frame(Action<JuteWriter> write)
    {
        var writer = new JuteWriter();
        writer.WriteInt32(0);
        write(writer);
        var frame = writer._output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - sizeof(int));
        return frame;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(sizeof(int)), value);
        _output.Advance(sizeof(int));
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(sizeof(long)), value);
        _output.Advance(sizeof(long));
    }

    public void WriteBoolean(bool value)
    {
        _output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _output.Advance(1);
    }

    public void WriteString(string value)
    {
        WriteInt32(Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, _output);
    }

    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        _output.Write(value);
    }

    public void WriteStrings(IReadOnlyCollection<string> values)
    {
        WriteInt32(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }
    }

    public void WriteAcls(IReadOnlyCollection<ZooKeeperAcl> acls)
    {
        WriteInt32(acls.Count);
        foreach (var acl in acls)
        {
            WriteInt32((int)acl.Permissions);
            WriteString(acl.Scheme);
            WriteString(acl.Id);
        }
    }
}
