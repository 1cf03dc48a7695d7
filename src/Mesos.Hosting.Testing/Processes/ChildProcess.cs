using System.Collections;
using Mesos.Hosting.Processes;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// A task or executor process, started as the leader of its own session and process group, with its stdout and stderr
/// written straight to files in its sandbox, as a Mesos agent's launcher starts them (<see cref="SessionSpawn"/>).
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Task<int> _exit;

    // Disposed once, whoever asks first: a command's watcher and the agent's own disposal may both ask at once.
    private readonly Lazy<Task> _disposal;

    // Signals and the child's end take turns: once the reaper has seen it end, its process ID may be another process's,
    // and its group is not signalled again. (A reaper elsewhere in the host that takes the child first is not seen.)
    private readonly Lock _signalling = new();
    private bool _ended;

    private ChildProcess(int pid)
    {
        Pid = pid;
        _exit = WatchExitAsync(ChildExit.Watch(pid, Ending));
        _disposal = new Lazy<Task>(DisposeOnceAsync);
    }

    public int Pid { get; }

    /// <summary>
    /// Completes with the POSIX wait status (exit code shifted left 8, or the signal number), or
    /// <see cref="ChildExit.UnknownStatus"/> when another reaper in this process collected it.
    /// </summary>
    public Task<int> Exited => _exit;

    /// <summary>Starts <paramref name="argv"/> in <paramref name="sandbox"/> with this process's environment and the extra variables given.</summary>
    public static ChildProcess Start(IReadOnlyList<string> argv, string sandbox, IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry inherited in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)inherited.Key] = (string?)inherited.Value ?? string.Empty;
        }

        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return new ChildProcess(SessionSpawn.Start(argv, sandbox, variables, Path.Combine(sandbox, "stdout"), Path.Combine(sandbox, "stderr")));
    }

    /// <summary>Asks the whole group to stop (SIGTERM); nothing once the child has ended.</summary>
    public void Terminate() => Signal(ProcessGroupSignals.SigTerm);

    /// <summary>Kills the whole group (SIGKILL); nothing once the child has ended.</summary>
    public void Kill() => Signal(ProcessGroupSignals.SigKill);

    /// <summary>
    /// SIGTERM, then SIGKILL once <paramref name="gracePeriod"/> has passed. The grace comes from a framework's kill
    /// policy: less than none is none, as Mesos's executors take it, and more than a timer can count is waited out.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod, TimeProvider time)
    {
        Terminate();
        using var grace = new CancellationTokenSource(TimerRange.Clamp(gracePeriod), time);
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
    }

    private void Signal(int signal)
    {
        lock (_signalling)
        {
            if (!_ended)
            {
                ProcessGroupSignals.Send(Pid, signal);
            }
        }
    }

    // The child has ended. While it still holds its process ID, the shell's leftovers in its group go with it.
    private void Ending(bool holdsId)
    {
        lock (_signalling)
        {
            if (holdsId)
            {
                ProcessGroupSignals.Send(Pid, ProcessGroupSignals.SigKill);
            }

            _ended = true;
        }
    }

    private static async Task<int> WatchExitAsync(Task<int> waited)
    {
        var status = await waited.ConfigureAwait(false);
        if (status == ChildExit.UnknownStatus)
        {
            return status;
        }

        // Exited: the code in the second byte. Killed: the signal in the low seven bits (the eighth says a core was dumped).
        var signal = status & 0x7f;
        return signal == 0 ? status & 0xff00 : signal;
    }
}
