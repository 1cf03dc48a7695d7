using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Keeps the framework ID in a file, written atomically (a temporary file, flushed, then renamed
/// over the old one) so that a crash never leaves a half-written ID behind.
/// </summary>
public sealed class FileFrameworkIdStore(string path) : IFrameworkIdStore
{
    /// <summary>The file holding the ID.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <inheritdoc/>
    public async ValueTask<FrameworkID?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var text = (await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false)).Trim();
        return text.Length == 0 ? null : MesosId.Of<FrameworkID>(text);
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(FrameworkID frameworkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frameworkId);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(frameworkId.Value), cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
