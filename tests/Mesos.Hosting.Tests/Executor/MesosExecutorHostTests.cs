using Google.Protobuf;
using Mesos.Hosting.Executor;
using Mesos.Hosting.GenericHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Tests.Executor;

/// <summary>The lean executor host: what it sets up for a fast start.</summary>
public sealed class MesosExecutorHostTests
{
    [Fact]
    public void Its_service_provider_resolves_by_reflection_alone()
    {
        MesosExecutorHost.CreateApplicationBuilder([]);

        Assert.True(AppContext.TryGetSwitch("Microsoft.Extensions.DependencyInjection.DisableDynamicEngine", out var disabled));
        Assert.True(disabled);
    }

    // A service registered by type costs a NativeAOT executor a constructor found, read and invoked by reflection.
    [Theory]
    [InlineData(typeof(IHostApplicationLifetime))]
    [InlineData(typeof(IHostLifetime))]
    [InlineData(typeof(ILoggerFactory))]
    [InlineData(typeof(IOptions<HostOptions>))]
    [InlineData(typeof(IOptions<ConsoleLifetimeOptions>))]
    [InlineData(typeof(IOptions<LoggerFactoryOptions>))]
    [InlineData(typeof(IOptions<MesosExecutorOptions>))]
    [InlineData(typeof(IOptionsMonitor<LoggerFilterOptions>))]
    public void The_host_s_start_up_services_are_made_by_factories(Type service)
    {
        var builder = MesosExecutorHost.CreateApplicationBuilder([]);

        Assert.NotNull(builder.Services.Last(d => d.ServiceType == service).ImplementationFactory);
    }

    // The SDK's own services too; the task executor's are made once per task or callback.
    [Theory]
    [InlineData(typeof(IHostedService))]
    [InlineData(typeof(IValidateOptions<MesosExecutorOptions>))]
    [InlineData(typeof(RunningTasks<IdleRunner>))]
    [InlineData(typeof(TaskRunnerExecutor<IdleRunner>))]
    public void The_task_executor_s_services_are_made_by_factories(Type service)
    {
        var builder = MesosExecutorHost.CreateApplicationBuilder([]);
        builder.Services.AddMesosTaskExecutor<IdleRunner>();

        var registered = builder.Services.Where(d => d.ServiceType == service).ToList();
        Assert.Contains(registered, d => d.ImplementationFactory is not null);
        Assert.DoesNotContain(registered, d => d.ImplementationType?.Assembly == typeof(MesosExecutorOptions).Assembly);
    }

    [Fact]
    public void The_factories_make_what_the_host_would_with_the_application_s_settings()
    {
        var builder = MesosExecutorHost.CreateApplicationBuilder([]);
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(7));
        using var host = builder.Build();

        Assert.IsType<ConsoleLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        Assert.IsType<ApplicationLifetime>(host.Services.GetRequiredService<IHostApplicationLifetime>());
        Assert.Equal(TimeSpan.FromSeconds(7), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.True(host.Services.GetRequiredService<IOptions<ConsoleLifetimeOptions>>().Value.SuppressStatusMessages);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    // Registered after the builder is made, an application's own lifetime still wins.
    [Fact]
    public void An_application_s_own_registration_replaces_a_factory()
    {
        var builder = MesosExecutorHost.CreateApplicationBuilder([]);
        builder.Services.AddSingleton<IHostLifetime, StillLifetime>();
        using var host = builder.Build();

        Assert.IsType<StillLifetime>(host.Services.GetRequiredService<IHostLifetime>());
    }

    public sealed class IdleRunner : IMesosTaskRunner
    {
        public Task<ByteString?> RunAsync(Mesos.V1.TaskInfo task, CancellationToken cancellationToken) => Task.FromResult<ByteString?>(null);
    }

    private sealed class StillLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
