using Mesos.Hosting.TestSupport.Workloads;
using Mesos.Hosting.Workloads;

namespace Mesos.Hosting.Tests.Workloads;

/// <summary>The store contract on an SQLite file in a folder of its own, reopened by each new instance.</summary>
public sealed class SqliteWorkloadStoreTests : WorkloadStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"workloads-{Guid.NewGuid():N}");

    private string File => Path.Combine(_folder, "nested", "workloads.db");

    protected override Task<IWorkloadStore> CreateStoreAsync() => Task.FromResult<IWorkloadStore>(new SqliteWorkloadStore(File));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_file_and_its_missing_folders_are_created_on_load()
    {
        Assert.False(Directory.Exists(_folder));

        await (await OpenAsync()).LoadAsync(None);

        Assert.True(System.IO.File.Exists(File));
    }

    [Fact]
    public async Task Once_closed_the_file_can_be_deleted_and_created_anew()
    {
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work("pi", "pi")] }, None);
        await StoreAssertions.CloseAsync(store);

        Directory.Delete(_folder, recursive: true);

        StoreAssertions.Holds(await ReloadAsync(), [], []);
    }

    [Fact]
    public async Task A_closed_store_refuses_calls()
    {
        var store = new SqliteWorkloadStore(File);
        await store.LoadAsync(None);
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.LoadAsync(None).AsTask());
    }
}
