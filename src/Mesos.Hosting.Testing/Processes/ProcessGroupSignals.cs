using System.Runtime.InteropServices;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// Signals a whole process group, which .NET's Process cannot: a task's shell and everything it
/// started go together, so nothing a task launched outlives it.
/// </summary>
internal static partial class ProcessGroupSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to the group led by <paramref name="groupLeader"/>; false if it is gone.</summary>
    public static bool Send(int groupLeader, int signal) => Kill(-groupLeader, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
