using System.Diagnostics.CodeAnalysis;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.GenericHost;
using Mesos.Hosting.HighAvailability;
using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live where it does, as Microsoft's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a Mesos scheduler to the .NET Generic Host.</summary>
public static class MesosSchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TScheduler"/> as a Mesos framework scheduler, with options bound from
    /// <paramref name="configuration"/> (usually the <c>Mesos:Scheduler</c> section) and validated at start: invalid
    /// options are logged one line each and stop the host, with exit code 2.
    /// </summary>
    public static IServiceCollection AddMesosScheduler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TScheduler>(this IServiceCollection services, IConfiguration configuration)
        where TScheduler : class, IMesosScheduler
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MesosSchedulerOptions>().Bind(configuration);
        return services.AddMesosSchedulerCore<TScheduler>();
    }

    /// <summary>Runs <typeparamref name="TScheduler"/> as a Mesos framework scheduler, configured in code.</summary>
    public static IServiceCollection AddMesosScheduler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TScheduler>(this IServiceCollection services, Action<MesosSchedulerOptions> configure)
        where TScheduler : class, IMesosScheduler
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MesosSchedulerOptions>().Configure(configure);
        return services.AddMesosSchedulerCore<TScheduler>();
    }

    private static IServiceCollection AddMesosSchedulerCore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TScheduler>(this IServiceCollection services)
        where TScheduler : class, IMesosScheduler
    {
        // Validated when the hosted service starts, which turns failures into log lines and exit code 2 (see StartupValidation).
        services.AddOptions<MesosSchedulerOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MesosSchedulerOptions>, MesosSchedulerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<TScheduler>();
        services.TryAddSingleton<MesosSchedulerOptionsHolder>();
        services.TryAddSingleton(sp => new HighAvailabilityServices(
            sp.GetRequiredService<MesosSchedulerOptionsHolder>().Value.HighAvailability, sp.GetRequiredService<TimeProvider>(), Loggers(sp), sp.GetRequiredService<LeadershipMetrics>()));
        services.TryAddSingleton<LeadershipMetrics>();
        services.TryAddSingleton<ILeaderElection>(sp => sp.GetRequiredService<MesosSchedulerOptionsHolder>().Value.HighAvailability.ZooKeeper is null
            ? new SoleInstance()
            : sp.GetRequiredService<HighAvailabilityServices>().Election);
        services.TryAddSingleton<IMesosLeadership>(sp => sp.GetRequiredService<ILeaderElection>());
        services.TryAddSingleton<IFrameworkIdStore>(FrameworkIdStore);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<MesosSchedulerOptionsHolder>().Value;
            return MasterDetection.Create(options.AllMasters, options.DetectedMasterScheme, sp.GetRequiredService<TimeProvider>(), Loggers(sp));
        });
        services.TryAddSingleton(sp => new SchedulerStatus(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SchedulerMetrics>();
        services.TryAddSingleton(sp => new SchedulerConnection(
            SchedulerConnectionSettings.From(sp.GetRequiredService<MesosSchedulerOptionsHolder>().Value),
            sp.GetRequiredService<IMasterDetector>(),
            sp.GetRequiredService<TimeProvider>(),
            Loggers(sp).CreateLogger("Mesos.Hosting.Connection")));
        services.TryAddSingleton(sp => new SchedulerDriver(
            new Lazy<SchedulerConnection>(sp.GetRequiredService<SchedulerConnection>),
            sp.GetRequiredService<SchedulerStatus>(),
            sp.GetRequiredService<SchedulerMetrics>(),
            new Lazy<IFrameworkIdStore>(sp.GetRequiredService<IFrameworkIdStore>),
            Loggers(sp).CreateLogger("Mesos.Hosting.Scheduler")));
        services.TryAddSingleton(sp => new SchedulerLoop(
            sp.GetRequiredService<MesosSchedulerOptionsHolder>().Value,
            sp.GetRequiredService<SchedulerConnection>(),
            sp.GetRequiredService<SchedulerDriver>(),
            sp.GetRequiredService<SchedulerStatus>(),
            HandlerInvokers.For<IMesosScheduler, TScheduler>(services, sp),
            sp.GetRequiredService<IFrameworkIdStore>(),
            sp.GetRequiredService<TimeProvider>(),
            Loggers(sp).CreateLogger("Mesos.Hosting.Scheduler"),
            sp.GetRequiredService<SchedulerMetrics>()));
        services.TryAddSingleton<ISchedulerDriver>(sp => sp.GetRequiredService<SchedulerDriver>());
        services.AddHostedService<SchedulerHostedService>();
        services.AddHealthChecks().AddCheck<MesosSchedulerHealthCheck>("mesos-scheduler");
        return services;
    }

    // With high availability the instances share the ID in ZooKeeper: a file would be each host's own, and a new
    // leader would subscribe as a new framework. A relative file is kept under the content root, as appsettings.json
    // is, so that the program finds its ID wherever it is started from.
    private static IFrameworkIdStore FrameworkIdStore(IServiceProvider services) => services.GetRequiredService<MesosSchedulerOptionsHolder>().Value switch
    {
        { HighAvailability.ZooKeeper: not null } => services.GetRequiredService<HighAvailabilityServices>().FrameworkIds,
        { FrameworkIdFile: { } file } => new FileFrameworkIdStore(Path.Combine(services.GetService<IHostEnvironment>()?.ContentRootPath ?? Environment.CurrentDirectory, file)),
        _ => new InMemoryFrameworkIdStore(),
    };

    private static ILoggerFactory Loggers(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
