using Mesos.Hosting.Placement;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MyFramework;

/// <summary>The framework's services, shared by Program.cs and the tests.</summary>
public static class FrameworkSetup
{
    /// <summary>appsettings.json sits beside the program, wherever it is started from.</summary>
    public static HostApplicationBuilderSettings Settings(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    public static IServiceCollection AddFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkOptions>(configuration.GetSection(WorkOptions.SectionName));
        services.AddSingleton<WorkQueue>();

        // One backoff for the framework's life: how long each agent's declined offers stay away grows across callbacks.
        services.AddSingleton(new RefuseFilterBackoff());
        services.AddMesosScheduler<FrameworkScheduler>(configuration.GetSection("Mesos:Scheduler"));

        // The health checks (mesos-scheduler among them) are written to a file that the container's health check reads.
        services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(10));
        services.AddSingleton<IHealthCheckPublisher, HealthFilePublisher>();
        return services;
    }
}
