using System.Runtime.Versioning;
using Mesos.Hosting.Testing.Processes;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>A sandbox directory, removed afterwards, in which tests start task processes as an agent starts them.</summary>
internal sealed class ChildProcessSandbox(string prefix) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory(prefix);

    public string FullName => Directory.FullName;

    public ChildProcess Start(IReadOnlyList<string> argv, Dictionary<string, string>? environment = null)
        => ChildProcess.Start(argv, FullName, environment ?? []);

    /// <summary>Starts <paramref name="argv"/> and waits for its end; the process is disposed when it returns.</summary>
    public async Task<(ChildProcess Child, int Status)> RunAsync(IReadOnlyList<string> argv, Dictionary<string, string>? environment = null)
    {
        var child = Start(argv, environment);
        await using (child)
        {
            return (child, await child.Exited.WaitAsync(Timeout));
        }
    }

    /// <summary>A file of the sandbox, such as the process's <c>stdout</c>.</summary>
    public string Read(string file) => File.ReadAllText(Path.Combine(FullName, file));

    /// <summary>Writes an executable shell script of one line.</summary>
    [UnsupportedOSPlatform("windows")]
    public static async Task WriteScriptAsync(string path, string line)
    {
        await File.WriteAllTextAsync(path, $"#!/bin/sh\n{line}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(recursive: true);
}
