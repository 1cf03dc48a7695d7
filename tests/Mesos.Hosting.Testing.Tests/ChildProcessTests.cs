using System.ComponentModel;
using System.Runtime.Versioning;
using Mesos.Hosting.Testing.Processes;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The agents' handle on a task or executor process, started as Mesos's launcher starts one.</summary>
public sealed class ChildProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = ChildProcessSandbox.Timeout;

    private readonly ChildProcessSandbox _sandbox = new("child-process-");

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_process_leads_a_session_and_process_group_of_its_own()
    {
        // /proc/<pid>/stat: pid (comm) state ppid pgrp session; the shell's comm is "(sh)", without spaces.
        var (child, status) = await _sandbox.RunAsync(["/bin/sh", "-c", "cut -d' ' -f5,6 /proc/$$/stat"]);

        Assert.Equal(0, status);
        Assert.Equal($"{child.Pid} {child.Pid}\n", _sandbox.Read("stdout"));
    }

    [Fact]
    public async Task Its_output_goes_to_the_sandbox_files_and_its_input_is_empty()
    {
        var (_, status) = await _sandbox.RunAsync(["/bin/sh", "-c", "echo out; echo err >&2; cat; readlink /proc/$$/fd/0"]);

        Assert.Equal(0, status);
        Assert.Equal("out\n/dev/null\n", _sandbox.Read("stdout"));
        Assert.Equal("err\n", _sandbox.Read("stderr"));
    }

    // .NET ignores SIGPIPE and handles others in this process; a task must start with none of that.
    [Fact]
    public async Task It_starts_with_no_signal_ignored_or_blocked()
    {
        var (_, status) = await _sandbox.RunAsync(["cat", "/proc/self/status"]);

        Assert.Equal(0, status);
        var signals = _sandbox.Read("stdout").Split('\n').Where(l => l.StartsWith("SigIgn:", StringComparison.Ordinal) || l.StartsWith("SigBlk:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, signals.Count);
        Assert.All(signals, line => Assert.Matches(@"^Sig(Ign|Blk):\s+0+$", line));
    }

    [Fact]
    public async Task Its_end_is_a_wait_status_an_exit_code_shifted_left_or_the_signal_that_killed_it()
    {
        Assert.Equal(3 << 8, (await _sandbox.RunAsync(["/bin/sh", "-c", "exit 3"])).Status);
        Assert.Equal(9, (await _sandbox.RunAsync(["/bin/sh", "-c", "kill -9 $$"])).Status);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_program_name_is_found_on_the_child_s_own_path()
    {
        var tools = _sandbox.Directory.CreateSubdirectory("tools");
        await ChildProcessSandbox.WriteScriptAsync(Path.Combine(tools.FullName, "say-found"), "echo found");

        var (_, status) = await _sandbox.RunAsync(["say-found"], new Dictionary<string, string> { ["PATH"] = $"{tools.FullName}:/usr/bin:/bin" });

        Assert.Equal(0, status);
        Assert.Equal("found\n", _sandbox.Read("stdout"));
    }

    // Mesos's launcher starts a task's command with execvpe, which hands a file the kernel cannot execute to /bin/sh.
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_script_without_a_shebang_line_is_run_by_the_shell_with_its_arguments()
    {
        var tools = _sandbox.Directory.CreateSubdirectory("tools");
        var script = Path.Combine(tools.FullName, "no-shebang");
        await File.WriteAllTextAsync(script, "echo \"ran $0 with $1 $2\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (_, byPath) = await _sandbox.RunAsync([script, "a", "b c"]);
        var (_, byName) = await _sandbox.RunAsync(["no-shebang", "d", "e"], new Dictionary<string, string> { ["PATH"] = tools.FullName });

        Assert.Equal(0, byPath);
        Assert.Equal(0, byName);
        Assert.Equal($"ran {script} with a b c\nran {script} with d e\n", _sandbox.Read("stdout"));
    }

    [Fact]
    public void A_program_that_cannot_be_found_fails_to_start_with_its_name()
    {
        var failure = Assert.Throws<Win32Exception>(() => _sandbox.Start(["no-such-program-anywhere"]));

        Assert.Contains("no-such-program-anywhere", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.NativeErrorCode);
    }

    // As execvp: a file that may not be executed, or a directory, is passed over for a later directory's program, and is
    // EACCES, not ENOENT, when no directory has one that may be executed.
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_program_found_only_as_something_that_may_not_be_executed_fails_with_permission_denied()
    {
        var plain = _sandbox.Directory.CreateSubdirectory("plain");
        var tools = _sandbox.Directory.CreateSubdirectory("tools");
        await File.WriteAllTextAsync(Path.Combine(plain.FullName, "say-found"), "#!/bin/sh\necho plain\n");
        var onlyPlain = new Dictionary<string, string> { ["PATH"] = plain.FullName };

        var failure = Assert.Throws<Win32Exception>(() => _sandbox.Start(["say-found"], onlyPlain));

        Assert.Equal(13, failure.NativeErrorCode);
        Assert.Contains("say-found", failure.Message, StringComparison.Ordinal);

        // A directory of that name is no program either.
        plain.CreateSubdirectory("say-dir");
        Assert.Equal(13, Assert.Throws<Win32Exception>(() => _sandbox.Start(["say-dir"], onlyPlain)).NativeErrorCode);

        await ChildProcessSandbox.WriteScriptAsync(Path.Combine(tools.FullName, "say-found"), "echo found");
        var (_, status) = await _sandbox.RunAsync(["say-found"], new Dictionary<string, string> { ["PATH"] = $"{plain.FullName}:{tools.FullName}" });
        Assert.Equal(0, status);
        Assert.Equal("found\n", _sandbox.Read("stdout"));
    }

    [Fact]
    public void An_argument_holding_a_nul_character_is_refused_before_anything_starts()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => _sandbox.Start(["/bin/echo", "a\0b"]));

        Assert.Contains("NUL", failure.Message, StringComparison.Ordinal);
    }

    // The message reaches the task's status: it names the variable and leaves out its value, which may be a secret.
    [Fact]
    public void A_variable_holding_a_nul_character_is_refused_by_name_without_its_value()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => _sandbox.Start(["/bin/true"], new Dictionary<string, string> { ["API_TOKEN"] = "s3cr3t\0tail" }));

        Assert.Contains("API_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", failure.Message, StringComparison.Ordinal);
    }

    // A command's watcher disposes its process when the command ends, and the agent disposes every process it still
    // lists when it is disposed itself: the two can come at once.
    [Fact]
    public async Task A_process_disposed_from_two_threads_at_once_is_disposed_once_and_without_error()
    {
        var children = Enumerable.Range(0, 100).Select(_ => _sandbox.Start(["true"])).ToList();
        foreach (var child in children)
        {
            Assert.Equal(0, await child.Exited.WaitAsync(Timeout));
        }

        foreach (var child in children)
        {
            using var bothReady = new Barrier(2);
            var disposals = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    bothReady.SignalAndWait(Timeout);
                    return child.DisposeAsync().AsTask();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap());
            await Task.WhenAll(disposals).WaitAsync(Timeout);
        }
    }
}
