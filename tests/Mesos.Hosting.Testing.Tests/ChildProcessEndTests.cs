using System.ComponentModel;
using System.Runtime.Versioning;
using Mesos.Hosting.Testing.Processes;
using Mesos.Hosting.TestSupport.Waiting;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>How a task or executor process is found, stopped and seen to end, whatever the framework or the host asks.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ChildProcessEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = ChildProcessSandbox.Timeout;

    private readonly ChildProcessSandbox _sandbox = new("child-process-end-");

    public void Dispose() => _sandbox.Dispose();

    // A kill policy's grace is the framework's to give: Mesos's executors take a negative one as none.
    [Fact]
    public async Task A_negative_grace_period_kills_at_once()
    {
        await using var child = await StartIgnoringTermAsync();

        await child.StopAsync(TimeSpan.FromSeconds(-5), TimeProvider.System).WaitAsync(Timeout);

        Assert.Equal(9, await child.Exited);
    }

    [Fact]
    public async Task A_grace_period_longer_than_a_timer_can_count_is_waited_out()
    {
        await using var child = await StartIgnoringTermAsync();

        var stopping = child.StopAsync(TimeSpan.FromDays(100), TimeProvider.System);
        Assert.False(stopping.IsCompleted, "the stop ended while the process ignored SIGTERM");
        child.Kill();
        await stopping.WaitAsync(Timeout);

        Assert.Equal(9, await child.Exited);
    }

    // execvp fails for a name on none of the PATH's directories, even when the working directory holds a file of it.
    [Fact]
    public async Task A_program_name_is_not_looked_for_in_the_working_directory_unless_the_path_says_so()
    {
        await ChildProcessSandbox.WriteScriptAsync(Path.Combine(_sandbox.FullName, "local-tool"), "echo ran");

        var failure = Assert.Throws<Win32Exception>(() => _sandbox.Start(["local-tool"], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }));

        Assert.Contains("local-tool", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_sandbox.FullName, "stdout")), "a process was started");
    }

    [Fact]
    public async Task A_relative_path_entry_is_taken_from_the_child_s_working_directory()
    {
        await ChildProcessSandbox.WriteScriptAsync(Path.Combine(_sandbox.Directory.CreateSubdirectory("bin").FullName, "sandbox-tool"), "echo from-sandbox");

        var (_, status) = await _sandbox.RunAsync(["sandbox-tool"], new Dictionary<string, string> { ["PATH"] = "bin:/usr/bin:/bin" });

        Assert.Equal(0, status);
        Assert.Equal("from-sandbox\n", _sandbox.Read("stdout"));
    }

    // Another reaper in the host took the child's end (.NET's own does, for every child, in a host started with SIGCHLD
    // ignored): the end is reported with an unknown status, and the process ID, perhaps another process's by now, is
    // never signalled. A process that is not this one's child stands in for it: waiting for it fails the same way.
    [Fact]
    public async Task An_end_collected_elsewhere_is_an_unknown_status_and_its_id_is_not_signalled()
    {
        bool? heldId = null;

        var status = await ChildExit.Watch(1, held => heldId = held).WaitAsync(Timeout);

        Assert.Equal(ChildExit.UnknownStatus, status);
        Assert.False(heldId);
    }

    // The group is signalled for the last time before the child is reaped: until then its zombie holds its process ID,
    // so the ID cannot have passed to another process.
    [Fact]
    public async Task A_child_is_told_of_its_end_while_its_zombie_still_holds_its_process_id()
    {
        var pid = SessionSpawn.Start(["/bin/sh", "-c", "exit 4"], _sandbox.FullName, new Dictionary<string, string>(),
            Path.Combine(_sandbox.FullName, "stdout"), Path.Combine(_sandbox.FullName, "stderr"));
        string? stateWhenTold = null;

        var status = await ChildExit.Watch(pid, _ => stateWhenTold = ProcessState(pid)).WaitAsync(Timeout);

        Assert.Equal(4 << 8, status);
        Assert.Equal("Z", stateWhenTold);
    }

    // A shell's background children are in its group; when the shell ends, they go with it, as a container's do.
    [Fact]
    public async Task What_the_child_left_in_its_group_is_killed_when_it_ends()
    {
        var (_, status) = await _sandbox.RunAsync(["/bin/sh", "-c", "sleep 600 & echo $! > left.pid; exit 0"]);

        Assert.Equal(0, status);
        var left = int.Parse(_sandbox.Read("left.pid"), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.Until(() => ProcessState(left) is null or "Z", $"the shell's background sleep ({left}) to be killed", Timeout);
    }

    [Fact]
    public void An_unknown_end_fails_a_command_task_in_the_words_of_Mesos_s_executors()
    {
        var (message, reason) = Mesos.Hosting.Testing.Agent.ExecutorRunEnds.CommandEnd(Mesos.V1.TaskState.TaskFailed, ChildExit.UnknownStatus);

        Assert.Equal("Command terminated with unknown status", message);
        Assert.Equal(TaskStatus.Types.Reason.CommandExecutorFailed, reason);
    }

    // The state letter of /proc/PID/stat, after the command's name in parentheses; null once the process is gone.
    private static string? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<ChildProcess> StartIgnoringTermAsync()
    {
        var child = _sandbox.Start(["/bin/sh", "-c", "trap '' TERM; echo ready; exec sleep 600"]);
        var stdout = Path.Combine(_sandbox.FullName, "stdout");
        await Eventually.Until(() => File.Exists(stdout) && _sandbox.Read("stdout").Contains("ready", StringComparison.Ordinal), "the process to ignore SIGTERM", Timeout);
        return child;
    }
}
