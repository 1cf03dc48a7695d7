using System.Text;
using Mesos.Hosting.Workloads;

namespace Mesos.Hosting.TestSupport.Workloads;

/// <summary>
/// The one contract of <see cref="IWorkloadStore"/>, run against every store: a test class per store derives from
/// it and says how to open a new store instance over the same file or node. What one instance wrote, the next
/// one reads back, byte for byte.
/// </summary>
public abstract class WorkloadStoreContract : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    private readonly List<IWorkloadStore> _opened = [];

    /// <summary>A new store instance over this test's location (the same one every time).</summary>
    protected abstract Task<IWorkloadStore> CreateStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await StoreAssertions.CloseAsync(store);
        }
    }

    [Fact]
    public async Task A_new_store_loads_empty()
    {
        var snapshot = await (await OpenAsync()).LoadAsync(None);
        Assert.Empty(snapshot.Work);
        Assert.Empty(snapshot.Attempts);
    }

    [Fact]
    public async Task What_one_instance_wrote_the_next_reads_back_byte_exact()
    {
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges
        {
            PutWork = [Work("pi", "work pi"), Work("sort", "work sort")],
            PutAttempts = [Attempt("pi.attempt-1", "pi", "running"), Attempt("pi.attempt-2", "pi", "staging"), Attempt("sort.attempt-1", "sort", "finished")],
        }, None);

        StoreAssertions.Holds(await ReloadAsync(), [Work("pi", "work pi"), Work("sort", "work sort")],
            [Attempt("pi.attempt-1", "pi", "running"), Attempt("pi.attempt-2", "pi", "staging"), Attempt("sort.attempt-1", "sort", "finished")]);
    }

    [Fact]
    public async Task A_put_replaces_what_is_stored_under_the_same_id()
    {
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work("pi", "v1")], PutAttempts = [Attempt("pi.1", "pi", "staging")] }, None);
        await store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work("pi", "v2")], PutAttempts = [Attempt("pi.1", "pi", "running")] }, None);
        await store.WriteAsync(new WorkloadStoreChanges { PutAttempts = [Attempt("pi.1", "pi", "finished"), Attempt("pi.1", "pi", "acknowledged")] }, None);

        StoreAssertions.Holds(await ReloadAsync(), [Work("pi", "v2")], [Attempt("pi.1", "pi", "acknowledged")]);
    }

    [Fact]
    public async Task Removing_work_removes_its_attempts_and_no_others()
    {
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges
        {
            PutWork = [Work("a", "a"), Work("b", "b")],
            PutAttempts = [Attempt("a.1", "a", "x"), Attempt("a.2", "a", "y"), Attempt("b.1", "b", "z")],
        }, None);

        await store.WriteAsync(new WorkloadStoreChanges { RemoveWork = ["a", "never-stored"] }, None);

        StoreAssertions.Holds(await ReloadAsync(), [Work("b", "b")], [Attempt("b.1", "b", "z")]);
    }

    [Fact]
    public async Task A_batch_applies_puts_before_removals()
    {
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges
        {
            PutWork = [Work("gone", "g"), Work("kept", "k")],
            PutAttempts = [Attempt("gone.1", "gone", "g1"), Attempt("kept.1", "kept", "k1")],
            RemoveWork = ["gone", "unknown"],
        }, None);

        StoreAssertions.Holds(await ReloadAsync(), [Work("kept", "k")], [Attempt("kept.1", "kept", "k1")]);
    }

    [Fact]
    public async Task Ten_thousand_attempts_written_in_batches_survive_a_reopen()
    {
        var store = await LoadedAsync();
        var work = Enumerable.Range(0, 100).Select(i => Work($"work-{i}", $"spec {i}")).ToList();
        var attempts = work.SelectMany(w => Enumerable.Range(0, 100).Select(j => Attempt($"{w.Id}.attempt-{j}", w.Id, $"state {j}"))).ToList();
        await store.WriteAsync(new WorkloadStoreChanges { PutWork = work }, None);
        foreach (var batch in attempts.Chunk(1_000))
        {
            await store.WriteAsync(new WorkloadStoreChanges { PutAttempts = batch }, None);
        }

        StoreAssertions.Holds(await ReloadAsync(), work, attempts);
    }

    [Fact]
    public async Task Writes_from_several_tasks_at_once_all_land()
    {
        var store = await LoadedAsync();
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var id = $"w{writer}-{i}";
                await store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work(id, id)], PutAttempts = [Attempt(id + ".1", id, id)] }, None);
            }
        }));
        await Task.WhenAll(writers);

        var ids = Enumerable.Range(0, 8).SelectMany(writer => Enumerable.Range(0, 20).Select(i => $"w{writer}-{i}")).ToList();
        StoreAssertions.Holds(await ReloadAsync(), ids.Select(id => Work(id, id)), ids.Select(id => Attempt(id + ".1", id, id)));
    }

    [Theory]
    [InlineData("a/b/c")]
    [InlineData("100%25 %zz")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".hidden")]
    [InlineData("with spaces and\ttabs")]
    [InlineData("ünïcødé 任务 🚀")]
    [InlineData("name.attempt-1.0b8f2c1e-9d8a-4c1b-a1f3-2b7c9d0e1f23")]
    public async Task Awkward_ids_round_trip(string id)
    {
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work(id, "w")], PutAttempts = [Attempt(id + "/" + id, id, "a")] }, None);

        StoreAssertions.Holds(await ReloadAsync(), [Work(id, "w")], [Attempt(id + "/" + id, id, "a")]);
    }

    [Fact]
    public async Task A_two_hundred_character_id_round_trips()
    {
        var id = string.Concat(Enumerable.Repeat("é/x.", 50));
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges { PutWork = [Work(id, "w")], PutAttempts = [Attempt(id, id, "a")] }, None);

        StoreAssertions.Holds(await ReloadAsync(), [Work(id, "w")], [Attempt(id, id, "a")]);
    }

    [Fact]
    public async Task Binary_and_empty_data_round_trip()
    {
        byte[] binary = [0, 1, 0, 255, 0, 0, 0x80, 0xC3, 0x28, 0];
        var store = await LoadedAsync();
        await store.WriteAsync(new WorkloadStoreChanges
        {
            PutWork = [new StoredWork("binary", binary), new StoredWork("empty", ReadOnlyMemory<byte>.Empty)],
            PutAttempts = [new StoredAttempt("binary.1", "binary", ReadOnlyMemory<byte>.Empty), new StoredAttempt("empty.1", "empty", binary.AsMemory(1, 5))],
        }, None);

        StoreAssertions.Holds(await ReloadAsync(),
            [new StoredWork("binary", binary), new StoredWork("empty", Array.Empty<byte>())],
            [new StoredAttempt("binary.1", "binary", Array.Empty<byte>()), new StoredAttempt("empty.1", "empty", binary.AsMemory(1, 5))]);
    }

    [Fact]
    public async Task A_record_without_an_id_is_refused_and_nothing_of_its_batch_written()
    {
        var store = await LoadedAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(
            new WorkloadStoreChanges { PutWork = [Work("fine", "f")], PutAttempts = [Attempt("", "fine", "a")] }, None).AsTask());

        StoreAssertions.Holds(await ReloadAsync(), [], []);
    }

    protected static StoredWork Work(string id, string data) => new(id, Encoding.UTF8.GetBytes(data));

    protected static StoredAttempt Attempt(string taskId, string workId, string data) => new(taskId, workId, Encoding.UTF8.GetBytes(data));

    /// <summary>A new store instance, closed when the test ends.</summary>
    protected async Task<IWorkloadStore> OpenAsync()
    {
        var store = await CreateStoreAsync();
        _opened.Add(store);
        return store;
    }

    protected async Task<IWorkloadStore> LoadedAsync()
    {
        var store = await OpenAsync();
        await store.LoadAsync(None);
        return store;
    }

    /// <summary>What a new store instance over the same location loads: only what was made durable.</summary>
    protected async Task<WorkloadStoreSnapshot> ReloadAsync() => await (await OpenAsync()).LoadAsync(None);
}
