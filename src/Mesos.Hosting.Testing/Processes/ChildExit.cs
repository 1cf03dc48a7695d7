using System.Runtime.InteropServices;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// Reaps a child this process started without .NET's Process, which reaps only its own: a thread of its own waits for
/// the child's end, so that its status is collected as soon as it exits and no zombie is left. Before the child is
/// reaped, while it is a zombie that still holds its process ID, <c>ending</c> runs: the last moment its process group
/// can be signalled without any risk of the ID having passed to another process.
/// </summary>
internal static unsafe partial class ChildExit
{
    /// <summary>The status of a child whose end was collected by another reaper, as Mesos's agent reports an unknown one.</summary>
    public const int UnknownStatus = -1;

    // The thread only waits; it needs little stack.
    private const int WaiterStackSize = 128 * 1024;

    // errno: a signal arrived while the thread waited (it waits again); the child is no longer this process's to wait for.
    private const int Interrupted = 4;
    private const int NoChild = 10;

    // waitid(2): wait for the process with this ID, for its exit, and leave it waitable.
    private const int ByProcessId = 1;
    private const int ForExit = 4;
    private const int LeaveWaitable = 0x01000000;

    // Room for siginfo_t (128 bytes), which waitid fills.
    private const int SignalInfoSize = 128;

    /// <summary>
    /// Completes with the child's POSIX wait status once it has ended, or <see cref="UnknownStatus"/> when another reaper
    /// in this process took it (.NET's own does so for every child when this process started with SIGCHLD ignored).
    /// <paramref name="ending"/> is told whether the child still holds its process ID.
    /// </summary>
    public static Task<int> Watch(int pid, Action<bool> ending)
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = new Thread(() => WaitFor(pid, ending, exited), WaiterStackSize) { IsBackground = true, Name = $"waitpid {pid}" };
        waiter.Start();
        return exited.Task;
    }

    private static void WaitFor(int pid, Action<bool> ending, TaskCompletionSource<int> exited)
    {
        try
        {
            var error = AwaitExit(pid);
            if (error == NoChild)
            {
                ending(false);
                exited.SetResult(UnknownStatus);
                return;
            }

            Check(pid, error, "waitid");
            int status;
            try
            {
                ending(true);
            }
            finally
            {
                error = Reap(pid, out status);
            }

            if (error == NoChild)
            {
                exited.SetResult(UnknownStatus);
                return;
            }

            Check(pid, error, "waitpid");
            exited.SetResult(status);
        }
        catch (Exception ex)
        {
            // Whatever went wrong, whoever waits for the child hears of it rather than waiting for ever.
            exited.TrySetException(ex);
        }
    }

    // Waits until the child has exited, leaving it a zombie; 0, or the errno.
    private static int AwaitExit(int pid)
    {
        var info = stackalloc byte[SignalInfoSize];
        while (WaitId(ByProcessId, pid, info, ForExit | LeaveWaitable) != 0)
        {
            if (Marshal.GetLastPInvokeError() is var error and not Interrupted)
            {
                return error;
            }
        }

        return 0;
    }

    // Collects the exited child's status, releasing its process ID; 0, or the errno.
    private static int Reap(int pid, out int status)
    {
        int collected;
        while (WaitPid(pid, &collected, 0) != pid)
        {
            if (Marshal.GetLastPInvokeError() is var error and not Interrupted)
            {
                status = 0;
                return error;
            }
        }

        status = collected;
        return 0;
    }

    private static void Check(int pid, int error, string function)
    {
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"Process {pid}'s end could not be collected: {function} failed with {new System.ComponentModel.Win32Exception(error).Message}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static partial int WaitId(int idType, int id, byte* info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, int* status, int options);
}
