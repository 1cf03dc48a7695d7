using Mesos.Hosting.Operator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Checks the operator client's options as the host starts, as the drivers' hosted services check theirs (see
/// <see cref="StartupValidation"/>): each problem one Critical line, exit code 2, the host stopped in order. Added
/// first among the hosted services, so that it runs before any that uses the client.
/// </summary>
internal sealed class OperatorOptionsCheck(IOptions<MesosOperatorOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : IHostedService
{
    private const string Role = "operator client";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartupValidation.TryRead(options, Role, loggers.CreateLogger("Mesos.Hosting.Operator"), lifetime, out _);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
