using Mesos.Hosting.Connection;
using Mesos.Hosting.GenericHost;
using Mesos.Hosting.Operator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live where it does, as Microsoft's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Mesos operator API client to a service collection.</summary>
public static class MesosOperatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMesosOperator"/> (a singleton), with options bound from <paramref name="configuration"/>
    /// (usually the <c>Mesos:Operator</c> section) and checked as the host starts: invalid options are logged one
    /// Critical line per problem and stop the host with exit code 2.
    /// </summary>
    public static IServiceCollection AddMesosOperator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MesosOperatorOptions>().Bind(configuration);
        return services.AddMesosOperatorCore();
    }

    /// <summary>Registers <see cref="IMesosOperator"/> (a singleton), configured in code and checked as the host starts.</summary>
    public static IServiceCollection AddMesosOperator(this IServiceCollection services, Action<MesosOperatorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MesosOperatorOptions>().Configure(configure);
        return services.AddMesosOperatorCore();
    }

    // The operator client finds the leader with a detector of its own, which it disposes: a scheduler in the same
    // host may be configured with other masters, and its detector's idea of the leader is not this client's business.
    private static IServiceCollection AddMesosOperatorCore(this IServiceCollection services)
    {
        // Checked as the host starts, before any other hosted service, one line per problem (not ValidateOnStart's abort).
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OperatorOptionsCheck)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, OperatorOptionsCheck>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MesosOperatorOptions>, MesosOperatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMesosOperator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MesosOperatorOptions>>().Value;
            var loggers = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var time = sp.GetRequiredService<TimeProvider>();
            return new MesosOperator(options, MasterDetection.Create(options.AllMasters, options.DetectedMasterScheme, time, loggers), time, loggers.CreateLogger("Mesos.Hosting.Operator"));
        });
        return services;
    }
}
