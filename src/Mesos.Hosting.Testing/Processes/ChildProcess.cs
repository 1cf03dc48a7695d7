using System.Diagnostics;
using Mesos.Hosting.Processes;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// A task or executor process, started as the leader of its own session and process group (via
/// <c>setsid</c>) with its stdout and stderr written to files in its sandbox.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _copying;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Disposed once, whoever asks first: a command's watcher and the agent's own disposal may both ask at once, and
    // two concurrent Process.Dispose calls race inside .NET (a NullReferenceException from its wait state).
    private readonly Lazy<Task> _disposal;

    private ChildProcess(Process process, Task copying)
    {
        _process = process;
        _copying = copying;
        _disposal = new Lazy<Task>(DisposeOnceAsync);
        Pid = process.Id;
        _ = WatchExitAsync();
    }

    public int Pid { get; }

    /// <summary>Completes with the POSIX wait status (exit code shifted left 8, or the signal number).</summary>
    public Task<int> Exited => _exit.Task;

    /// <summary>Starts <paramref name="argv"/> in <paramref name="sandbox"/> with the extra environment given.</summary>
    public static ChildProcess Start(IReadOnlyList<string> argv, string sandbox, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = sandbox,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{string.Join(' ', argv)}'.");
        process.StandardInput.Close();
        var copying = Task.WhenAll(
            CopyToFileAsync(process.StandardOutput.BaseStream, Path.Combine(sandbox, "stdout")),
            CopyToFileAsync(process.StandardError.BaseStream, Path.Combine(sandbox, "stderr")));
        return new ChildProcess(process, copying);
    }

    /// <summary>Asks the whole group to stop (SIGTERM).</summary>
    public void Terminate() => ProcessGroupSignals.Send(Pid, ProcessGroupSignals.SigTerm);

    /// <summary>Kills the whole group (SIGKILL).</summary>
    public void Kill() => ProcessGroupSignals.Send(Pid, ProcessGroupSignals.SigKill);

    /// <summary>SIGTERM, then SIGKILL once <paramref name="gracePeriod"/> has passed.</summary>
    public async Task StopAsync(TimeSpan gracePeriod, TimeProvider time)
    {
        Terminate();
        using var grace = new CancellationTokenSource(gracePeriod, time);
        try
        {
            await Exited.WaitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await Exited.ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task DisposeOnceAsync()
    {
        Kill();
        await Exited.ConfigureAwait(false);
        await _copying.ConfigureAwait(false);
        _process.Dispose();
    }

    private static async Task CopyToFileAsync(Stream source, string path)
    {
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await using (file.ConfigureAwait(false))
        {
            await source.CopyToAsync(file).ConfigureAwait(false);
        }
    }

    private async Task WatchExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);

        // The shell may have left children in the group; they go with it.
        ProcessGroupSignals.Send(Pid, ProcessGroupSignals.SigKill);

        // .NET reports death by signal N as 128 + N; a wait status holds the signal itself.
        var code = _process.ExitCode;
        _exit.TrySetResult(code > 128 ? code - 128 : code << 8);
    }
}
