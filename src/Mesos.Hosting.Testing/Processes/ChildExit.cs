using System.Runtime.InteropServices;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// Reaps a child this process started without .NET's Process, which reaps only its own: a thread of its own waits for
/// the child's end, so that its status is collected as soon as it exits and no zombie is left.
/// </summary>
internal static unsafe partial class ChildExit
{
    // The thread only waits in waitpid; it needs little stack.
    private const int WaiterStackSize = 128 * 1024;

    // EINTR: a signal arrived while the thread waited; it waits again.
    private const int Interrupted = 4;

    /// <summary>Completes with the child's POSIX wait status once it has ended.</summary>
    public static Task<int> Watch(int pid)
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = new Thread(() => WaitFor(pid, exited), WaiterStackSize) { IsBackground = true, Name = $"waitpid {pid}" };
        waiter.Start();
        return exited.Task;
    }

    private static void WaitFor(int pid, TaskCompletionSource<int> exited)
    {
        while (true)
        {
            int status;
            if (WaitPid(pid, &status, 0) == pid)
            {
                exited.SetResult(status);
                return;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != Interrupted)
            {
                // Only another reaper in this process (one that waits for any child) could have taken the status.
                exited.SetException(new InvalidOperationException(
                    $"Process {pid}'s end could not be collected: waitpid failed with {new System.ComponentModel.Win32Exception(error).Message}."));
                return;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, int* status, int options);
}
