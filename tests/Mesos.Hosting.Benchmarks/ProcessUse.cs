using System.Diagnostics;
using System.Globalization;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// What a process has used so far: its CPU (user and system, in the kernel's 10 ms ticks) and the page faults it has
/// taken, the minor ones that map memory it touches for the first time, which is most of what a starting process does.
/// </summary>
internal readonly record struct ProcessUse(TimeSpan Cpu, long PageFaults)
{
    /// <summary>Read at once, while the process runs; throws if it has ended.</summary>
    public static ProcessUse Of(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return new ProcessUse(process.TotalProcessorTime, MinorFaults(pid));
    }

    // /proc/<pid>/stat: the command's name, in parentheses, may hold spaces; minflt is the 10th field, the 8th after it.
    private static long MinorFaults(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
