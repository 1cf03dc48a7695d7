using System.Diagnostics.CodeAnalysis;
using Mesos.Hosting.Executor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// The Generic Host's own start-up services, registered as factories that call their constructors. Registered by type,
/// the container finds each constructor by reflection, reads its parameters and their attributes, and invokes it by
/// reflection; under NativeAOT that was a third of an executor's start to SUBSCRIBE. The services and their
/// constructor arguments are the ones the host registers itself (<c>AddLogging</c>, <c>AddOptions</c>, the console
/// lifetime), so what they do is unchanged; registrations the application adds after these still win.
/// </summary>
internal static class StartupServiceFactories
{
    public static void Register(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IHostApplicationLifetime>(sp => new ApplicationLifetime(sp.GetRequiredService<ILogger<ApplicationLifetime>>())));
        services.Replace(ServiceDescriptor.Singleton<IHostLifetime>(sp => new ConsoleLifetime(
            sp.GetRequiredService<IOptions<ConsoleLifetimeOptions>>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<IOptions<HostOptions>>(),
            sp.GetRequiredService<ILoggerFactory>())));
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        services.AddSingleton<ILogger<ApplicationLifetime>>(sp => new Logger<ApplicationLifetime>(sp.GetRequiredService<ILoggerFactory>()));

        Options<HostOptions>(services);
        Options<ConsoleLifetimeOptions>(services);
        Options<LoggerFactoryOptions>(services);
        Options<MesosExecutorOptions>(services);
        Factory<LoggerFilterOptions>(services);
        services.AddSingleton<IOptionsMonitorCache<LoggerFilterOptions>>(_ => new OptionsCache<LoggerFilterOptions>());
        services.AddSingleton<IOptionsMonitor<LoggerFilterOptions>>(sp => new OptionsMonitor<LoggerFilterOptions>(
            sp.GetRequiredService<IOptionsFactory<LoggerFilterOptions>>(),
            sp.GetServices<IOptionsChangeTokenSource<LoggerFilterOptions>>(),
            sp.GetRequiredService<IOptionsMonitorCache<LoggerFilterOptions>>()));
    }

    // IOptions<T> as AddOptions serves it: the default-named value, created once from every configure, post-configure
    // and validation registered for T.
    private static void Options<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services)
        where T : class
    {
        Factory<T>(services);
        services.AddSingleton<IOptions<T>>(sp => new OptionsManager<T>(sp.GetRequiredService<IOptionsFactory<T>>()));
    }

    // Transient, as AddOptions registers it.
    private static void Factory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services)
        where T : class
        => services.AddTransient<IOptionsFactory<T>>(sp => new OptionsFactory<T>(
            sp.GetServices<IConfigureOptions<T>>(),
            sp.GetServices<IPostConfigureOptions<T>>(),
            sp.GetServices<IValidateOptions<T>>()));
}
