using System.Security.Cryptography;
using System.Text;
using Mesos.Hosting.Workloads;
using Microsoft.Data.Sqlite;

namespace Mesos.Hosting.Tests.Workloads;

/// <summary>A file that is not a workload store of this version is refused with its path named, and left byte for byte as it was.</summary>
public sealed class SqliteWorkloadStoreFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"workloads-{Guid.NewGuid():N}")).FullName;

    private string File => Path.Combine(_folder, "workloads.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Another_applications_database_is_refused_untouched()
    {
        Sql("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");

        var error = await RefusedUntouched();

        Assert.Contains("another application's SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_of_a_newer_version_is_refused_untouched()
    {
        Sql("CREATE TABLE work (id TEXT PRIMARY KEY, data BLOB); PRAGMA application_id = 1296586572; PRAGMA user_version = 2;");

        var error = await RefusedUntouched();

        Assert.Contains("a newer workload store format (version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_is_refused_untouched()
    {
        await System.IO.File.WriteAllTextAsync(File, "work: pi\nattempts: 3\n");

        var error = await RefusedUntouched();

        Assert.Contains("not an SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_database_is_refused_untouched()
    {
        var whole = Path.Combine(_folder, "whole.db");
        await using (var store = new SqliteWorkloadStore(whole))
        {
            await store.LoadAsync(CancellationToken.None);
            await store.WriteAsync(new WorkloadStoreChanges { PutWork = [new StoredWork("pi", Encoding.UTF8.GetBytes(new string('x', 20_000)))] }, CancellationToken.None);
        }

        var bytes = await System.IO.File.ReadAllBytesAsync(whole);
        await System.IO.File.WriteAllBytesAsync(File, bytes[..(bytes.Length / 2)]);

        await RefusedUntouched();
    }

    [Fact]
    public async Task Garbage_is_refused_untouched()
    {
        var garbage = new byte[8192];
        new Random(14).NextBytes(garbage);
        await System.IO.File.WriteAllBytesAsync(File, garbage);

        await RefusedUntouched();
    }

    private async Task<WorkloadStoreException> RefusedUntouched()
    {
        var before = SHA256.HashData(await System.IO.File.ReadAllBytesAsync(File));
        WorkloadStoreException error;
        await using (var store = new SqliteWorkloadStore(File))
        {
            error = await Assert.ThrowsAsync<WorkloadStoreException>(() => store.LoadAsync(CancellationToken.None).AsTask());
            await Assert.ThrowsAsync<WorkloadStoreException>(() => store.WriteAsync(
                new WorkloadStoreChanges { PutWork = [new StoredWork("pi", new byte[] { 1 })] }, CancellationToken.None).AsTask());
        }

        Assert.Contains(File, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(await System.IO.File.ReadAllBytesAsync(File)));
        return error;
    }

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
