using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// The <c>scale</c> harness's side of a <see cref="ScaleDriver"/> process: started against the cluster's masters, its
/// phase lines read one by one, the next phase written to its input; killed if it is still running once disposed.
/// </summary>
internal sealed class ScaleDriverProcess : IAsyncDisposable
{
    // Longer than the driver's own patience for any phase, so that a driver that gives up says why before this does.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task _reading;
    private readonly Task<string> _errors;
    private readonly int _tasks;

    private ScaleDriverProcess(Process process, int tasks)
    {
        _process = process;
        _tasks = tasks;
        _reading = ReadLinesAsync();
        _errors = process.StandardError.ReadToEndAsync();
    }

    public static ScaleDriverProcess Start(IEnumerable<Uri> masters, int tasks)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(ScaleDriver).Assembly.Location, "scale-driver", "--masters", string.Join(',', masters), "--tasks", tasks.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return new ScaleDriverProcess(Process.Start(start) ?? throw new InvalidOperationException("The scale-driver process did not start."), tasks);
    }

    /// <summary>The values of the driver's next line, which must report <paramref name="phase"/>.</summary>
    public async Task<double[]> ReadAsync(string phase)
    {
        string line;
        try
        {
            line = await _lines.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        }
        catch (ChannelClosedException)
        {
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"The scale driver ({_tasks} tasks) exited with code {_process.ExitCode} before reporting '{phase}'; it wrote: {await _errors}");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Patience} for the scale driver ({_tasks} tasks) to report '{phase}'; it did not.");
        }

        var parts = line.Split(' ');
        return parts[0] == phase
            ? [.. parts.Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture))]
            : throw new InvalidOperationException($"The scale driver reported '{line}' where '{phase}' was due.");
    }

    /// <summary>Lets the driver go on to <paramref name="phase"/>.</summary>
    public async Task SendAsync(string phase)
    {
        await _process.StandardInput.WriteLineAsync(phase);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Tells the driver to stop, and waits for it to have stopped cleanly.</summary>
    public async Task StopAsync()
    {
        await SendAsync("stop");
        await _process.WaitForExitAsync().WaitAsync(Patience);
        await _reading;
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The scale driver ({_tasks} tasks) stopped with code {_process.ExitCode}; it wrote: {await _errors}");
        }
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

    private async Task ReadLinesAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.Complete();
    }
}
