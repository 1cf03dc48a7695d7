using Mesos.Hosting.GenericHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// The one place the default <see cref="IWorkloadStore"/> is chosen (a store registered by the application wins):
/// ZooKeeper when the scheduler runs highly available (every instance must see the same work, and the standby
/// that takes over must find it), otherwise the embedded SQLite file at <see cref="MesosWorkloadOptions.StorePath"/>.
/// </summary>
internal static class WorkloadStores
{
    public static IWorkloadStore Create(IServiceProvider services)
    {
        var scheduler = services.GetRequiredService<MesosSchedulerOptionsHolder>().Value;
        if (scheduler.HighAvailability.ZooKeeper is not null)
        {
            return services.GetRequiredService<HighAvailabilityServices>().Workloads;
        }

        var options = services.GetRequiredService<IOptions<MesosWorkloadOptions>>().Value;
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return new SqliteWorkloadStore(PathOf(services, options), loggers.CreateLogger<SqliteWorkloadStore>());
    }

    /// <summary>Where the file store lives: a relative path is under the content root, as appsettings.json is.</summary>
    public static string PathOf(IServiceProvider services, MesosWorkloadOptions options)
        => Path.Combine(services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory, options.StorePath);
}
