using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mesos.Hosting.TestSupport.Observation;

namespace Mesos.Hosting.Templates.Tests;

/// <summary>
/// The published framework as its image's entry point starts it (<c>dotnet /app/Name.dll</c>): its output kept line by
/// line for the test to wait on, stopped with SIGTERM as Marathon stops it, and never left running after the test.
/// </summary>
internal sealed partial class PublishedApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reading;

    private PublishedApp(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public Observed<string> Lines { get; } = new();

    /// <summary>Starts <c>dotnet <paramref name="program"/></c> in its folder with <paramref name="settings"/> (<c>--Section:Key=value</c>).</summary>
    public static PublishedApp Start(string program, IReadOnlyDictionary<string, string> environment, params string[] settings)
    {
        var start = new ProcessStartInfo(PackedTemplate.Dotnet) { WorkingDirectory = Path.GetDirectoryName(program), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new PublishedApp(Process.Start(start)!);
    }

    /// <summary>Where Kestrel listens, once its log says so.</summary>
    public async Task<Uri> ListeningAtAsync(TimeSpan timeout)
    {
        await Lines.WaitAsync(lines => lines.Any(l => Listening().IsMatch(l)), timeout, "the health endpoints' address");
        return new Uri(Lines.Snapshot().Select(l => Listening().Match(l)).First(m => m.Success).Groups[1].Value);
    }

    /// <summary>SIGTERM, as Marathon stops an app; its exit code once it has exited and every line it wrote has been read.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-15", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reading.WaitAsync(timeout);
        return _process.ExitCode;
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

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
