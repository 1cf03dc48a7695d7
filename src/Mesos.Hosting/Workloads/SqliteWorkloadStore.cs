using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// An <see cref="IWorkloadStore"/> in one SQLite database file, for a scheduler that runs alone: every
/// <see cref="WriteAsync"/> is one transaction, synced to disk before it returns. The file identifies itself
/// (application ID and schema version), and a file that is anything else is refused, never changed.
/// Safe to call from several threads: calls take turns on one connection.
/// </summary>
public sealed class SqliteWorkloadStore : IWorkloadStore, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ILogger _logger;
    private SqliteConnection? _connection;
    private SqliteWorkloadCommands? _commands;
    private bool _disposed;

    /// <summary>Creates the store over the database file at <paramref name="path"/>; nothing is opened until first used.</summary>
    /// <param name="path">The database file; it and its directory are created when missing.</param>
    /// <param name="logger">Where opening and creating the file are logged; none if null.</param>
    public SqliteWorkloadStore(string path, ILogger<SqliteWorkloadStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask<WorkloadStoreSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var commands = Open();
            WorkloadStoreSnapshot snapshot;
            try
            {
                snapshot = commands.ReadAll();
            }
            catch (SqliteException ex)
            {
                throw SqliteWorkloadSchema.Refused(Path, $"a damaged workload store ({ex.Message})", ex);
            }

            WorkloadStoreLog.Loaded(_logger, Path, snapshot.Work.Count, snapshot.Attempts.Count);
            return snapshot;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(WorkloadStoreChanges changes, CancellationToken cancellationToken)
    {
        WorkloadStoreChecks.ThrowIfInvalid(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open().Apply(changes);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _turn.Wait();
        try
        {
            Close();
        }
        finally
        {
            _turn.Release();
        }
    }

    private SqliteWorkloadCommands Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_commands is not null)
        {
            return _commands;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // Without a pool, disposing closes the file for real: it can then be deleted, moved or reopened.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            if (SqliteWorkloadSchema.OpenOrCreate(connection, Path))
            {
                WorkloadStoreLog.Created(_logger, Path);
            }

            _commands = new SqliteWorkloadCommands(connection);
            _connection = connection;
            return _commands;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Close()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _commands?.Dispose();
        _connection?.Dispose();
    }
}
