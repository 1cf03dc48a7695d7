using System.Runtime.InteropServices;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// Finds the file a program name names as <c>execvp</c> would in the child: on the child's own PATH (a command task's
/// environment may set its own), not this process's, with an empty entry meaning the child's working directory.
/// </summary>
internal static partial class ExecutableSearch
{
    // glibc's search path when PATH is not set at all.
    private const string DefaultPath = "/bin:/usr/bin";

    // access(2)'s mode for "may this process execute it".
    private const int ExecuteAccess = 1;

    /// <summary>
    /// <paramref name="program"/> itself when it holds a slash (a path, relative to the child's working directory), else
    /// the first executable file of that name in <paramref name="path"/>'s directories; the name unchanged if there is
    /// none, so that starting it fails as not found.
    /// </summary>
    public static string Find(string program, string? path, string workingDirectory)
    {
        if (program.Contains('/', StringComparison.Ordinal) || program.Length == 0)
        {
            return program;
        }

        foreach (var directory in (path ?? DefaultPath).Split(':'))
        {
            var candidate = Path.Combine(directory.Length == 0 ? workingDirectory : directory, program);
            if (File.Exists(candidate) && Access(candidate, ExecuteAccess) == 0)
            {
                return candidate;
            }
        }

        return program;
    }

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
