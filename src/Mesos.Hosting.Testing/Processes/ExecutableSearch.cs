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

    /// <summary>
    /// <paramref name="program"/> itself when it holds a slash (a path, relative to the child's working directory), else
    /// the first executable file of that name in <paramref name="path"/>'s directories; null if there is none, with
    /// <paramref name="foundNotExecutable"/> telling whether a file of that name was there all the same, for which
    /// <c>execvp</c> fails with EACCES rather than ENOENT.
    /// </summary>
    public static string? Find(string program, string? path, string workingDirectory, out bool foundNotExecutable)
    {
        foundNotExecutable = false;
        if (program.Contains('/', StringComparison.Ordinal) || program.Length == 0)
        {
            return program;
        }

        foreach (var directory in (path ?? DefaultPath).Split(':'))
        {
            var candidate = Path.Combine(workingDirectory, directory, program);
            if (!File.Exists(candidate))
            {
                continue;
            }

            if (Access(candidate, ExecuteAccess) == 0)
            {
                return candidate;
            }

            foundNotExecutable = true;
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
