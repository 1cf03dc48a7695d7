using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Workloads;

/// <summary>The workload stores' log messages.</summary>
internal static partial class WorkloadStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Created the workload store {Location}")]
    public static partial void Created(ILogger logger, string location);

    [LoggerMessage(2, LogLevel.Information, "Loaded the workload store {Location}: {Work} work items, {Attempts} attempts")]
    public static partial void Loaded(ILogger logger, string location, int work, int attempts);

    [LoggerMessage(3, LogLevel.Warning, "Lost the connection to ZooKeeper while writing the workload store {Location}; writing {Node} again")]
    public static partial void Retrying(ILogger logger, string location, string node);
}
