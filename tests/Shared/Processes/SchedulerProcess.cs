using System.Diagnostics;

namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>tests/Mesos.Hosting.Scheduler.TestApp as a real process.</summary>
internal sealed class SchedulerProcess : ObservedProcess
{
    private const string ProjectName = "Mesos.Hosting.Scheduler.TestApp";

    // Built next to the project that references it: the same configuration and framework, another project's folder.
    private static readonly string AppDll = Path.Combine(
        AppContext.BaseDirectory.Replace(typeof(SchedulerProcess).Assembly.GetName().Name!, ProjectName, StringComparison.Ordinal), ProjectName + ".dll");

    private SchedulerProcess(ProcessStartInfo start)
        : base(start)
    {
    }

    /// <summary>Starts the app with <paramref name="settings"/> (<c>--Section:Key=value</c>), logging one line per entry.</summary>
    public static SchedulerProcess Start(params string[] settings)
    {
        var start = new ProcessStartInfo(DotnetHost.Path);
        start.ArgumentList.Add(AppDll);
        start.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        start.ArgumentList.Add("--Logging:Console:FormatterOptions:SingleLine=true");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        return new SchedulerProcess(start);
    }
}
