using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The hosted services' log messages: configuration refused at start, and the drivers' lifecycle.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(401, LogLevel.Critical, "Invalid configuration: {Problem}")]
    public static partial void InvalidConfiguration(ILogger logger, string problem);

    [LoggerMessage(402, LogLevel.Critical, "The Mesos {Role} did not start: {Count} configuration problem(s); the process exits with code {ExitCode}")]
    public static partial void NotStarted(ILogger logger, string role, int count, int exitCode);

    [LoggerMessage(403, LogLevel.Information, "Starting the Mesos scheduler: framework {FrameworkName}, roles {Roles}, masters {Masters}")]
    public static partial void SchedulerStarting(ILogger logger, string frameworkName, string roles, string masters);

    [LoggerMessage(404, LogLevel.Information, "Stopping the Mesos {Role}: {Reason}")]
    public static partial void Stopping(ILogger logger, string role, string reason);

    [LoggerMessage(405, LogLevel.Information, "The Mesos {Role} stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, string role, string reason);

    [LoggerMessage(406, LogLevel.Information, "Starting the Mesos executor: {Environment}")]
    public static partial void ExecutorStarting(ILogger logger, string environment);

    [LoggerMessage(407, LogLevel.Warning, "This machine lists no CPU caches ({CacheDirectory} is missing), so .NET's garbage collector collects its youngest generation every few MB: on a busy event stream that can take a third of the scheduler's time. Set {Setting} in the scheduler's environment (0x4000000 is 64 MB); docs/deployment.md says more")]
    public static partial void GarbageCollectorStarved(ILogger logger, string cacheDirectory, string setting);
}
