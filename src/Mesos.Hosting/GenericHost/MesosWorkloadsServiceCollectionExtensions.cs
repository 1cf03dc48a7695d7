using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Workloads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live where it does, as Microsoft's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Mesos workloads (submitted tasks and declared services, retried and durable) to the .NET Generic Host.</summary>
public static class MesosWorkloadsServiceCollectionExtensions
{
    /// <summary>
    /// Runs a Mesos framework whose scheduler is the workloads' own, and registers <see cref="IMesosWorkloads"/>.
    /// <paramref name="mesosConfiguration"/> is the <c>Mesos</c> section: its <c>Scheduler</c> subsection configures the
    /// driver, its <c>Workloads</c> subsection the workloads. Register an <see cref="IWorkloadStore"/> to choose the store.
    /// </summary>
    public static IServiceCollection AddMesosWorkloads(this IServiceCollection services, IConfiguration mesosConfiguration)
    {
        ArgumentNullException.ThrowIfNull(mesosConfiguration);
        services.AddOptions<MesosWorkloadOptions>().Bind(mesosConfiguration.GetSection("Workloads"));
        AddWorkloadsCore(services);
        return services.AddMesosScheduler<WorkloadScheduler>(mesosConfiguration.GetSection("Scheduler"));
    }

    /// <summary>Runs a Mesos framework whose scheduler is the workloads' own, configured in code, and registers <see cref="IMesosWorkloads"/>.</summary>
    public static IServiceCollection AddMesosWorkloads(this IServiceCollection services, Action<MesosSchedulerOptions> configureScheduler, Action<MesosWorkloadOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configureScheduler);
        services.AddOptions<MesosWorkloadOptions>().Configure(configure ?? (_ => { }));
        AddWorkloadsCore(services);
        return services.AddMesosScheduler<WorkloadScheduler>(configureScheduler);
    }

    // Before the scheduler: its hosted service then starts after the store is loaded, and the handler is a singleton.
    private static void AddWorkloadsCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkloadStore>(WorkloadStores.Create);
        services.TryAddSingleton<WorkloadMetrics>();
        services.TryAddSingleton(sp => new WorkloadEngine(
            new Lazy<IWorkloadStore>(sp.GetRequiredService<IWorkloadStore>),
            sp.GetRequiredService<SchedulerDriver>(),
            sp.GetKeyedService<TimeProvider>(MesosWorkloadOptions.TimeProviderKey) ?? sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<MesosWorkloadOptions>>().Value,
            sp.GetRequiredService<WorkloadMetrics>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Mesos.Hosting.Workloads")));
        services.TryAddSingleton<IMesosWorkloads>(sp => sp.GetRequiredService<WorkloadEngine>());
        services.TryAddSingleton<WorkloadScheduler>();
        services.AddHostedService<WorkloadHostedService>();
        services.AddHealthChecks().AddCheck<WorkloadHealthCheck>("mesos-workloads");
    }
}
