using System.Runtime.InteropServices;
using System.Text;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>NUL-terminated UTF-8 strings and NULL-terminated arrays of them in native memory, all freed together.</summary>
internal sealed unsafe class NativeStrings : IDisposable
{
    private readonly List<nint> _allocations = [];

    /// <summary>A C string holding <paramref name="text"/>, which the caller has checked holds no NUL character (it would end the string early).</summary>
    public byte* Add(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var bytes = (byte*)Allocate(length + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
        bytes[length] = 0;
        return bytes;
    }

    /// <summary>An array of C strings holding <paramref name="texts"/>, ended by a NULL pointer (as argv and envp are).</summary>
    public byte** AddArray(IReadOnlyList<string> texts)
    {
        var array = (byte**)Allocate((texts.Count + 1) * sizeof(byte*));
        for (var i = 0; i < texts.Count; i++)
        {
            array[i] = Add(texts[i]);
        }

        array[texts.Count] = null;
        return array;
    }

    public void Dispose()
    {
        foreach (var allocation in _allocations)
        {
            NativeMemory.Free((void*)allocation);
        }

        _allocations.Clear();
    }

    private void* Allocate(int bytes)
    {
        var memory = NativeMemory.Alloc((nuint)bytes);
        _allocations.Add((nint)memory);
        return memory;
    }
}
