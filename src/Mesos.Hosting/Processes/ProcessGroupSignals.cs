using System.Runtime.InteropServices;

namespace Mesos.Hosting.Processes;

/// <summary>
/// Signals a whole process group, which .NET's Process cannot: a task's shell and everything it
/// started go together, so nothing a task launched outlives it. The local cluster's agents signal
/// their tasks' groups; an executor signals its own group when its grace period runs out, and a task
/// runner that starts processes of its own can stop them the same way. Linux and other POSIX systems only.
/// </summary>
public static partial class ProcessGroupSignals
{
    /// <summary>SIGKILL: ends the processes at once.</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM: asks the processes to end.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to the group led by <paramref name="groupLeader"/>; false if it is gone.</summary>
    public static bool Send(int groupLeader, int signal) => Kill(-groupLeader, signal) == 0;

    /// <summary>Kills the caller's own process group: the executor and everything it started, as Mesos's executor library does.</summary>
    public static void KillOwnGroup() => Kill(0, SigKill);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
