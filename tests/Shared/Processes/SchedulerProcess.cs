using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.TestSupport.Observation;

namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>
/// tests/Mesos.Hosting.Scheduler.TestApp as a real process: its output collected line by line for the test to wait on,
/// killed with SIGKILL or stopped with SIGTERM, and never left running after the test.
/// </summary>
internal sealed class SchedulerProcess : IAsyncDisposable
{
    private const string ProjectName = "Mesos.Hosting.Scheduler.TestApp";

    // Built next to the project that references it: the same configuration and framework, another project's folder.
    private static readonly string AppDll = Path.Combine(
        AppContext.BaseDirectory.Replace(typeof(SchedulerProcess).Assembly.GetName().Name!, ProjectName, StringComparison.Ordinal), ProjectName + ".dll");

    private readonly Process _process;
    private readonly Task _reading;

    private SchedulerProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public Observed<string> Lines { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the app with <paramref name="settings"/> (<c>--Section:Key=value</c>), logging one line per entry.</summary>
    public static SchedulerProcess Start(params string[] settings)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppDll);
        start.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        start.ArgumentList.Add("--Logging:Console:FormatterOptions:SingleLine=true");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        return new SchedulerProcess(Process.Start(start)!);
    }

    public Task WaitForLineAsync(string fragment, TimeSpan timeout)
        => Lines.WaitAsync(lines => lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)), timeout, $"'{fragment}' from process {Id}");

    /// <summary>Waits for the process to end by itself; its exit code, once every line it wrote has been read.</summary>
    public async Task<int> ExitedAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reading.WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Marathon or systemd stop a process; waits for it to exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-15", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reading;
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
