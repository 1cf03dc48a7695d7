using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.TestSupport.Observation;

namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>
/// A child process whose standard output and error are kept line by line for a test to wait on, killed with SIGKILL
/// or stopped with SIGTERM, and never left running after the test.
/// </summary>
internal abstract class ObservedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reading;

    protected ObservedProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        _reading = Task.WhenAll(ReadAsync(_process.StandardOutput), ReadAsync(_process.StandardError));
    }

    public Observed<string> Lines { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Task WaitForLineAsync(string fragment, TimeSpan timeout)
        => Lines.WaitAsync(lines => lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)), timeout, $"'{fragment}' from process {Id}");

    /// <summary>Waits for the process to end by itself; its exit code, once every line it wrote has been read.</summary>
    public async Task<int> ExitedAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reading.WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Writes <paramref name="line"/> to the process's standard input, which its start info must redirect.</summary>
    protected async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Marathon or systemd stop a process; its exit code once it has exited and every line it wrote has been read.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-15", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await ExitedAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            Lines.Add(line);
        }
    }
}
