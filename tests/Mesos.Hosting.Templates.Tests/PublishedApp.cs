using System.Diagnostics;
using System.Text.RegularExpressions;
using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Templates.Tests;

/// <summary>
/// The published framework as its image's entry point starts it (<c>dotnet /app/Name.dll</c>): its output kept line by
/// line for the test to wait on, stopped with SIGTERM as Marathon stops it, and never left running after the test.
/// </summary>
internal sealed partial class PublishedApp : ObservedProcess
{
    private PublishedApp(ProcessStartInfo start)
        : base(start)
    {
    }

    /// <summary>Starts <c>dotnet <paramref name="program"/></c> in its folder with <paramref name="settings"/> (<c>--Section:Key=value</c>).</summary>
    public static PublishedApp Start(string program, IReadOnlyDictionary<string, string> environment, params string[] settings)
    {
        var start = new ProcessStartInfo(PackedTemplate.Dotnet) { WorkingDirectory = Path.GetDirectoryName(program) };
        start.ArgumentList.Add(program);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new PublishedApp(start);
    }

    /// <summary>Where Kestrel listens, once its log says so.</summary>
    public async Task<Uri> ListeningAtAsync(TimeSpan timeout)
    {
        await Lines.WaitAsync(lines => lines.Any(l => Listening().IsMatch(l)), timeout, "the health endpoints' address");
        return new Uri(Lines.Snapshot().Select(l => Listening().Match(l)).First(m => m.Success).Groups[1].Value);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
