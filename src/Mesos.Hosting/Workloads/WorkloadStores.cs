using Mesos.Hosting.GenericHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// The one place the default <see cref="IWorkloadStore"/> is chosen (a store registered by the application wins):
/// ZooKeeper when the scheduler runs highly available (every instance must see the same work), otherwise the
/// embedded file at <see cref="MesosWorkloadOptions.StorePath"/>. Those stores are built on their own branch; until
/// they are part of this assembly both choices keep the work in memory, and say so in the log.
/// </summary>
internal static class WorkloadStores
{
    public static IWorkloadStore Create(IServiceProvider services)
    {
        var scheduler = services.GetRequiredService<MesosSchedulerOptionsHolder>().Value;
        var options = services.GetRequiredService<IOptions<MesosWorkloadOptions>>().Value;
        var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Mesos.Hosting.Workloads");
        var reason = scheduler.HighAvailability.ZooKeeper is { } zooKeeper
            ? $"the ZooKeeper store for {zooKeeper} is not available in this build"
            : $"the file store for {PathOf(services, options)} is not available in this build";
        WorkloadLog.NotDurable(logger, reason);
        return new InMemoryWorkloadStore();
    }

    /// <summary>Where the file store lives: a relative path is under the content root, as appsettings.json is.</summary>
    public static string PathOf(IServiceProvider services, MesosWorkloadOptions options)
        => Path.Combine(services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory, options.StorePath);
}
