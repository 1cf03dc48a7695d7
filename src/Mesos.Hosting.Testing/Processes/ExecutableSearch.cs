using System.Runtime.InteropServices;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// Finds the file a program name names as <c>execvp</c> would in the child: on the child's own PATH (a command task's
/// environment may set its own), not this process's, with an empty or relative entry taken from the child's working
/// directory.
/// </summary>
internal static partial class ExecutableSearch
{
    // glibc's search path when PATH is not set at all.
    private const string DefaultPath = "/bin:/usr/bin";

    // access(2)'s mode for "may this process execute it".
    private const int ExecuteAccess = 1;

    // execvp's errno for a name found on no directory of the PATH, and for one found there only as what may not be
    // executed.
    private const int NoSuchFile = 2;
    private const int PermissionDenied = 13;

    /// <summary>
    /// <paramref name="program"/> itself when it holds a slash (a path, relative to the child's working directory), else
    /// the first executable file of that name in <paramref name="path"/>'s directories; null if there is none, with
    /// <paramref name="error"/> the errno <c>execvp</c> fails with then: EACCES if something of that name was there all
    /// the same that may not be executed, else ENOENT.
    /// </summary>
    public static string? Find(string program, string? path, string workingDirectory, out int error)
    {
        error = NoSuchFile;
        if (program.Contains('/', StringComparison.Ordinal) || program.Length == 0)
        {
            return program;
        }

        foreach (var directory in (path ?? DefaultPath).Split(':'))
        {
            // execve's own answers: a file that may not be executed, a directory of that name, or a directory on the way
            // that may not be searched are each EACCES, which execvp remembers while it searches on.
            var candidate = Path.Combine(workingDirectory, directory, program);
            var accessError = Access(candidate, ExecuteAccess) == 0 ? 0 : Marshal.GetLastPInvokeError();
            if (accessError == 0 && !Directory.Exists(candidate))
            {
                return candidate;
            }

            if (accessError is 0 or PermissionDenied)
            {
                error = PermissionDenied;
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);
}
