using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// How a workload database identifies itself, and the check made before anything is written to a file: only an
/// empty file gets the schema, only a file of ours of this version is used, and anything else is refused untouched.
/// </summary>
internal static class SqliteWorkloadSchema
{
    /// <summary>PRAGMA application_id of every workload database: "MHWL" (Mesos.Hosting workloads) in ASCII.</summary>
    public const int ApplicationId = 0x4D48574C;

    /// <summary>PRAGMA user_version of the schema this code reads and writes.</summary>
    public const int Version = 1;

    // SQLITE_NOTADB: the file's header is not SQLite's (a text file, garbage, a truncated or encrypted file).
    private const int NotADatabase = 26;

    private const string Schema = """
        CREATE TABLE work (id TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL);
        CREATE TABLE attempt (task_id TEXT PRIMARY KEY NOT NULL, work_id TEXT NOT NULL, data BLOB NOT NULL);
        CREATE INDEX attempt_by_work ON attempt (work_id);
        """;

    /// <summary>
    /// Checks what <paramref name="connection"/>'s file holds and creates the schema in an empty one; true if it did.
    /// Throws <see cref="WorkloadStoreException"/> naming <paramref name="path"/> when the file is not ours.
    /// </summary>
    public static bool OpenOrCreate(SqliteConnection connection, string path)
    {
        var (applicationId, version, objects) = Inspect(connection, path);
        bool created;
        if (applicationId == 0 && version == 0 && objects == 0)
        {
            Create(connection);
            created = true;
        }
        else if (applicationId != ApplicationId)
        {
            throw Refused(path, string.Create(
                CultureInfo.InvariantCulture, $"another application's SQLite database (application_id 0x{applicationId:X8}, {objects} schema objects)"));
        }
        else if (version != Version)
        {
            var which = version > Version ? "a newer" : "an unknown";
            throw Refused(path, string.Create(
                CultureInfo.InvariantCulture, $"{which} workload store format (version {version}; this version of Mesos.Hosting reads version {Version})"));
        }
        else
        {
            created = false;
        }

        // Only now, with the file known to be ours, may anything be written to it (journal_mode=WAL writes the header).
        Execute(connection, "PRAGMA journal_mode = WAL;");

        // WAL with synchronous=NORMAL may lose the last commits on power loss; the contract is "durable when
        // WriteAsync returns", so every commit syncs the WAL (FULL). WAL still keeps that one fsync per batch.
        Execute(connection, "PRAGMA synchronous = FULL;");
        return created;
    }

    private static (long ApplicationId, long Version, long Objects) Inspect(SqliteConnection connection, string path)
    {
        try
        {
            return (
                Scalar(connection, "PRAGMA application_id;"),
                Scalar(connection, "PRAGMA user_version;"),
                Scalar(connection, "SELECT count(*) FROM sqlite_master;"));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == NotADatabase)
        {
            throw Refused(path, "a file that is not an SQLite database", ex);
        }
        catch (SqliteException ex)
        {
            throw Refused(path, $"a file SQLite cannot read ({ex.Message})", ex);
        }
    }

    private static void Create(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, Schema, transaction);
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId};"), transaction);
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {Version};"), transaction);
        transaction.Commit();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>The error for a file that is not a usable workload store: names it and what it holds.</summary>
    public static WorkloadStoreException Refused(string path, string found, Exception? inner = null)
    {
        var message = $"The workload store '{path}' holds {found}: it is not a Mesos.Hosting workload store this version can use, and was left unchanged. "
            + "Point the store at another file, or move this one away.";
        return inner is null ? new WorkloadStoreException(message) : new WorkloadStoreException(message, inner);
    }
}
