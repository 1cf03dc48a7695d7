using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// The statements of a workload database, prepared once per connection and reused for every record: a batch of
/// thousands of attempts costs one transaction and one sync, not one statement compilation per record.
/// Not thread-safe: the store gives it one caller at a time.
/// </summary>
internal sealed class SqliteWorkloadCommands : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _putWork;
    private readonly SqliteCommand _putAttempt;
    private readonly SqliteCommand _removeAttempts;
    private readonly SqliteCommand _removeWork;

    public SqliteWorkloadCommands(SqliteConnection connection)
    {
        _connection = connection;
        _putWork = Command(
            "INSERT INTO work (id, data) VALUES ($id, $data) ON CONFLICT (id) DO UPDATE SET data = excluded.data;",
            ("$id", SqliteType.Text), ("$data", SqliteType.Blob));
        _putAttempt = Command(
            "INSERT INTO attempt (task_id, work_id, data) VALUES ($id, $work, $data) "
            + "ON CONFLICT (task_id) DO UPDATE SET work_id = excluded.work_id, data = excluded.data;",
            ("$id", SqliteType.Text), ("$work", SqliteType.Text), ("$data", SqliteType.Blob));
        _removeAttempts = Command("DELETE FROM attempt WHERE work_id = $id;", ("$id", SqliteType.Text));
        _removeWork = Command("DELETE FROM work WHERE id = $id;", ("$id", SqliteType.Text));
    }

    /// <summary>Applies the batch in one transaction, in the order of its lists; nothing of it is kept if any part fails.</summary>
    public void Apply(WorkloadStoreChanges changes)
    {
        using var transaction = _connection.BeginTransaction();
        Enlist(transaction);
        foreach (var work in changes.PutWork)
        {
            Run(_putWork, work.Id, Bytes(work.Data));
        }

        foreach (var attempt in changes.PutAttempts)
        {
            Run(_putAttempt, attempt.TaskId, attempt.WorkId, Bytes(attempt.Data));
        }

        foreach (var id in changes.RemoveWork)
        {
            Run(_removeAttempts, id);
            Run(_removeWork, id);
        }

        transaction.Commit();
    }

    /// <summary>Every work item and attempt in the database, read in one transaction.</summary>
    public WorkloadStoreSnapshot ReadAll()
    {
        using var transaction = _connection.BeginTransaction(deferred: true);
        var work = Read(transaction, "SELECT id, data FROM work;", row => new StoredWork(row.GetString(0), row.GetFieldValue<byte[]>(1)));
        var attempts = Read(
            transaction,
            "SELECT task_id, work_id, data FROM attempt;",
            row => new StoredAttempt(row.GetString(0), row.GetString(1), row.GetFieldValue<byte[]>(2)));
        transaction.Commit();
        return new WorkloadStoreSnapshot(work, attempts);
    }

    public void Dispose()
    {
        _putWork.Dispose();
        _putAttempt.Dispose();
        _removeAttempts.Dispose();
        _removeWork.Dispose();
    }

    // A record's bytes as the array SQLite binds; the caller's own array when the memory is one whole array.
    private static byte[] Bytes(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    private void Enlist(SqliteTransaction transaction)
    {
        _putWork.Transaction = transaction;
        _putAttempt.Transaction = transaction;
        _removeAttempts.Transaction = transaction;
        _removeWork.Transaction = transaction;
    }

    private List<T> Read<T>(SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> row)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
