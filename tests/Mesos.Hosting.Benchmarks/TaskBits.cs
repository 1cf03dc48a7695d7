namespace Mesos.Hosting.Benchmarks;

/// <summary>A set of task indexes, one bit each, that threads may add to at once.</summary>
internal sealed class TaskBits(int tasks)
{
    private readonly int[] _words = new int[(tasks + 31) / 32];

    /// <summary>Adds <paramref name="index"/>; true if it was not there before.</summary>
    public bool Set(int index)
    {
        var bit = 1 << (index % 32);
        return (Interlocked.Or(ref _words[index / 32], bit) & bit) == 0;
    }

    public void Clear() => Array.Clear(_words);
}
