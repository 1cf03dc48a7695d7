using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Mesos.Hosting.Testing.Processes;

/// <summary>
/// Starts a program as the leader of a new session and process group, as Mesos's launcher does, with
/// <c>posix_spawn</c>: between fork and exec the child becomes a session leader, gets default signal actions and an
/// empty signal mask, moves to its working directory and opens its standard streams (stdin on /dev/null, stdout and
/// stderr appended to files). .NET's Process can do none of that in the child, and running the <c>setsid</c> program
/// in front of every task costs an exec of its own: a few milliseconds per start where page faults are dear. Linux
/// with glibc 2.29 or later.
/// </summary>
internal static unsafe partial class SessionSpawn
{
    // <spawn.h> (glibc): reset the default-set signals to their default action, set the signal mask, call setsid().
    private const short SetSignalDefaults = 0x04;
    private const short SetSignalMask = 0x08;
    private const short SetSession = 0x80;

    // <fcntl.h> on Linux.
    private const int ReadOnly = 0x0;
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Append = 0x400;

    // ENOEXEC, for which execvp runs the file with this shell instead.
    private const int NotExecutableFormat = 8;
    private const string Shell = "/bin/sh";

    // rw-r--r--, before the umask.
    private const uint FileMode = 420;

    // Room for glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128) on 64-bit Linux.
    private const int OpaqueSize = 1024;

    /// <summary>
    /// Starts <paramref name="argv"/> (its first element the program, found on <paramref name="environment"/>'s PATH as
    /// <c>execvp</c> finds it) in <paramref name="workingDirectory"/> with exactly <paramref name="environment"/>; returns
    /// its process ID, which is also its session's and process group's.
    /// </summary>
    /// <exception cref="Win32Exception">The program could not be started (not found, not executable, no such directory).</exception>
    /// <exception cref="InvalidOperationException">An argument, variable or path holds a NUL character, which no C string can carry.</exception>
    public static int Start(IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment, string stdoutPath, string stderrPath)
    {
        ArgumentOutOfRangeException.ThrowIfZero(argv.Count, nameof(argv));
        ThrowIfAnyHoldsNul(argv, environment, [workingDirectory, stdoutPath, stderrPath]);
        var program = ExecutableSearch.Find(argv[0], environment.GetValueOrDefault("PATH"), workingDirectory, out var searchError)
            ?? throw NotOnPath(argv[0], workingDirectory, searchError);
        using var strings = new NativeStrings();
        var path = strings.Add(program);
        var arguments = strings.AddArray(argv);
        var variables = strings.AddArray([.. environment.Select(v => $"{v.Key}={v.Value}")]);

        var attributes = NativeMemory.AllocZeroed(OpaqueSize);
        var actions = NativeMemory.AllocZeroed(OpaqueSize);
        var signals = NativeMemory.AllocZeroed(OpaqueSize);
        try
        {
            Check(AttributesInit(attributes), "posix_spawnattr_init");
            try
            {
                Check(FileActionsInit(actions), "posix_spawn_file_actions_init");
                try
                {
                    SetAttributes(attributes, signals);
                    Check(AddChangeDirectory(actions, strings.Add(workingDirectory)), "posix_spawn_file_actions_addchdir_np");
                    Check(AddOpen(actions, 0, strings.Add("/dev/null"), ReadOnly, 0), "posix_spawn_file_actions_addopen");
                    Check(AddOpen(actions, 1, strings.Add(stdoutPath), WriteOnly | Create | Append, FileMode), "posix_spawn_file_actions_addopen");
                    Check(AddOpen(actions, 2, strings.Add(stderrPath), WriteOnly | Create | Append, FileMode), "posix_spawn_file_actions_addopen");

                    int pid;
                    var error = Spawn(&pid, path, actions, attributes, arguments, variables);
                    if (error == NotExecutableFormat)
                    {
                        // As execvp: a file the kernel cannot execute, such as a script without a #! line, is the
                        // shell's to run, with the arguments after it.
                        error = Spawn(&pid, strings.Add(Shell), actions, attributes, strings.AddArray([Shell, program, .. argv.Skip(1)]), variables);
                    }

                    return error == 0
                        ? pid
                        : throw new Win32Exception(error, $"Could not start {program} in {workingDirectory}: {new Win32Exception(error).Message}");
                }
                finally
                {
                    _ = FileActionsDestroy(actions);
                }
            }
            finally
            {
                _ = AttributesDestroy(attributes);
            }
        }
        finally
        {
            NativeMemory.Free(signals);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
        }
    }

    // A session of its own, every signal at its default action, none blocked. The signal set is used twice, all set
    // for the defaults and then cleared for the mask: each call copies it into the attributes.
    private static void SetAttributes(void* attributes, void* signals)
    {
        // Signals 1 to 64: .NET handles or ignores some in this process (SIGPIPE among them), and glibc's own two (32
        // and 33), which sigfillset leaves out, would otherwise start ignored.
        *(ulong*)signals = ulong.MaxValue;
        Check(SetSignalDefault(attributes, signals), "posix_spawnattr_setsigdefault");
        *(ulong*)signals = 0;
        Check(SetSignalMaskOf(attributes, signals), "posix_spawnattr_setsigmask");
        Check(SetFlags(attributes, SetSignalDefaults | SetSignalMask | SetSession), "posix_spawnattr_setflags");
    }

    // Named, not quoted: a variable's value may be a secret, and the message ends up in a task's status.
    private static void ThrowIfAnyHoldsNul(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, IEnumerable<string> paths)
    {
        if (paths.FirstOrDefault(p => p.Contains('\0', StringComparison.Ordinal)) is { } path)
        {
            throw new InvalidOperationException($"The path {path.Replace("\0", "\\0", StringComparison.Ordinal)} holds a NUL character, which no file name can carry.");
        }

        for (var i = 0; i < argv.Count; i++)
        {
            if (argv[i].Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Argument {i} of the command holds a NUL character, which no process argument can carry.");
            }
        }

        foreach (var (name, value) in environment)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The environment variable {name.Replace("\0", "\\0", StringComparison.Ordinal)} holds a NUL character, which no process environment can carry.");
            }
        }
    }

    private static Win32Exception NotOnPath(string program, string workingDirectory, int error)
        => new(error, $"Could not start {program} in {workingDirectory}: {new Win32Exception(error).Message} on the PATH its environment gives.");

    private static void Check(int error, string function)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"{function} failed: {new Win32Exception(error).Message}");
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int Spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int AttributesInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int AttributesDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int SetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int SetSignalDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int SetSignalMaskOf(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen")]
    private static partial int AddOpen(void* actions, int descriptor, byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    private static partial int AddChangeDirectory(void* actions, byte* path);
}
