using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// The <c>scale</c> harness's side of a <see cref="ScaleDriver"/> process: started against the cluster's masters, its
/// phase lines read one by one, the next phase written to its input; killed if it is still running once disposed.
/// </summary>
internal sealed class ScaleDriverProcess : ObservedProcess
{
    // Longer than the driver's own patience for any phase, so that a driver that gives up says why before this does.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);

    private readonly int _tasks;
    private int _read;

    private ScaleDriverProcess(ProcessStartInfo start, int tasks)
        : base(start)
    {
        _tasks = tasks;
    }

    public static ScaleDriverProcess Start(IEnumerable<Uri> masters, int tasks)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardInput = true };
        foreach (var argument in new[] { typeof(ScaleDriver).Assembly.Location, "scale-driver", "--masters", string.Join(',', masters), "--tasks", tasks.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return new ScaleDriverProcess(start, tasks);
    }

    /// <summary>
    /// The values of the driver's next line, which must report <paramref name="phase"/>. A driver that fails writes
    /// its error instead (standard error is kept with its output), which then names what went wrong.
    /// </summary>
    public async Task<double[]> ReadAsync(string phase)
    {
        var next = Lines.WaitForCountAsync(_read + 1, Patience, $"the scale driver ({_tasks} tasks) to report '{phase}'");
        if (await Task.WhenAny(next, ExitedAsync(Patience)) != next && HasExited && Lines.Count <= _read)
        {
            throw new InvalidOperationException($"The scale driver ({_tasks} tasks) exited with code {ExitCode} before reporting '{phase}', and wrote nothing more.");
        }

        await next;
        var line = Lines.Snapshot()[_read++];
        var parts = line.Split(' ');
        return parts[0] == phase
            ? [.. parts.Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture))]
            : throw new InvalidOperationException($"The scale driver reported '{line}' where '{phase}' was due.");
    }

    /// <summary>Lets the driver go on to <paramref name="phase"/>.</summary>
    public Task SendAsync(string phase) => WriteLineAsync(phase);

    /// <summary>Tells the driver to stop, and waits for it to have stopped cleanly.</summary>
    public async Task StopAsync()
    {
        await SendAsync("stop");
        var exitCode = await ExitedAsync(Patience);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The scale driver ({_tasks} tasks) stopped with code {exitCode}; it wrote: {string.Join(Environment.NewLine, Lines.Snapshot().Skip(_read))}");
        }
    }
}
