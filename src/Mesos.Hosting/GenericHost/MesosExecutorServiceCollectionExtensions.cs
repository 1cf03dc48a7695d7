using System.Diagnostics.CodeAnalysis;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Executor;
using Mesos.Hosting.GenericHost;
using Mesos.Hosting.Processes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live where it does, as Microsoft's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a Mesos executor to the .NET Generic Host.</summary>
public static class MesosExecutorServiceCollectionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TExecutor"/> as this process's Mesos executor. Everything about the
    /// executor comes from the MESOS_* environment its agent set; settings under <c>Mesos:Executor</c>
    /// (or <paramref name="configure"/>) override it. Missing or malformed variables stop the host at
    /// start, each named in one logged message, with exit code 2.
    /// </summary>
    public static IServiceCollection AddMesosExecutor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TExecutor>(this IServiceCollection services, Action<MesosExecutorOptions>? configure = null)
        where TExecutor : class, IMesosExecutor
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MesosExecutorOptions>().BindConfiguration(MesosExecutorOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The SDK's own services are made by factories, as the lean host's start-up services are
        // (StartupServiceFactories): a constructor found by reflection is start-up time for a NativeAOT executor.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MesosExecutorOptions>, MesosExecutorEnvironmentValidator>(_ => new MesosExecutorEnvironmentValidator()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<TExecutor>();
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<MesosExecutorOptions>>().Value;
            var environment = MesosExecutorEnvironment.Read(MesosExecutorEnvironment.ProcessVariables(), settings);

            // As Mesos's executor library does: the token is the executor's alone, not its tasks'.
            Environment.SetEnvironmentVariable("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", null);
            var time = sp.GetRequiredService<TimeProvider>();
            return new ExecutorDriver(
                environment,
                settings,
                new ExecutorConnection(environment.AgentEndpoint, ExecutorConnectionSettings.From(environment, settings), time),
                time,
                Logger(sp),
                sp.GetRequiredService<IHostApplicationLifetime>().StopApplication);
        });
        services.TryAddSingleton(sp => new ExecutorLoop(
            sp.GetRequiredService<ExecutorDriver>(),
            sp.GetRequiredService<IOptions<MesosExecutorOptions>>().Value,
            HandlerInvokers.For<IMesosExecutor, TExecutor>(services, sp),
            sp.GetRequiredService<TimeProvider>(),
            Logger(sp),
            sp.GetRequiredService<IHostApplicationLifetime>().StopApplication,
            ProcessGroupSignals.KillOwnGroup));
        services.TryAddSingleton<IExecutorDriver>(sp => sp.GetRequiredService<ExecutorDriver>());
        services.TryAddSingleton(sp => sp.GetRequiredService<ExecutorDriver>().Telemetry);
        services.AddHostedService(sp => new ExecutorHostedService(
            sp,
            sp.GetRequiredService<IOptions<MesosExecutorOptions>>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "mesos-executor",
            sp => new MesosExecutorHealthCheck(sp.GetRequiredService<ExecutorLoop>(), sp.GetRequiredService<ExecutorDriver>()),
            failureStatus: null,
            tags: null));
        return services;
    }

    /// <summary>
    /// Runs an executor whose every task is a run of <typeparamref name="TRunner"/>: TASK_RUNNING before
    /// it starts, then TASK_FINISHED, TASK_FAILED (it threw) or TASK_KILLED (cancelled by KILL or SHUTDOWN).
    /// </summary>
    public static IServiceCollection AddMesosTaskExecutor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRunner>(this IServiceCollection services, Action<MesosExecutorOptions>? configure = null)
        where TRunner : class, IMesosTaskRunner
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<TRunner>();
        services.TryAddSingleton(sp => new RunningTasks<TRunner>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IExecutorDriver>(),
            sp.GetRequiredService<ExecutorTelemetry>(),
            sp.GetRequiredService<ILogger<RunningTasks<TRunner>>>()));
        services.TryAddScoped(sp => new TaskRunnerExecutor<TRunner>(sp.GetRequiredService<RunningTasks<TRunner>>()));
        return services.AddMesosExecutor<TaskRunnerExecutor<TRunner>>(configure);
    }

    private static ILogger Logger(IServiceProvider services)
        => services.GetService<ILoggerFactory>()?.CreateLogger("Mesos.Hosting.Executor") ?? NullLogger.Instance;
}
