using Mesos.Hosting.Workloads;

namespace Mesos.Hosting.TestSupport.Workloads;

/// <summary>What the store tests compare and how they close a store of any kind.</summary>
public static class StoreAssertions
{
    /// <summary>Asserts that <paramref name="snapshot"/> holds exactly these records, in any order, data byte for byte.</summary>
    public static void Holds(WorkloadStoreSnapshot snapshot, IEnumerable<StoredWork> work, IEnumerable<StoredAttempt> attempts)
    {
        Assert.Equal(
            work.Select(w => (w.Id, Hex(w.Data))).Order(),
            snapshot.Work.Select(w => (w.Id, Hex(w.Data))).Order());
        Assert.Equal(
            attempts.Select(a => (a.TaskId, a.WorkId, Hex(a.Data))).Order(),
            snapshot.Attempts.Select(a => (a.TaskId, a.WorkId, Hex(a.Data))).Order());
    }

    public static async Task CloseAsync(IWorkloadStore store)
    {
        switch (store)
        {
            case IAsyncDisposable disposable:
                await disposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private static string Hex(ReadOnlyMemory<byte> data) => Convert.ToHexString(data.Span);
}
