using System.Diagnostics.CodeAnalysis;
using Mesos.Hosting.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Reads the options a driver needs when its hosted service starts, in place of <c>ValidateOnStart</c>: that one's
/// exception escapes <c>RunAsync</c> unhandled (exit 134, every failure printed twice inside a stack trace). Here each
/// failure is one Critical log line, the exit code becomes <see cref="InvalidConfigurationExitCode"/> and the host
/// stops in order, so <c>RunAsync</c> returns and the process ends with that code.
/// </summary>
internal static class StartupValidation
{
    /// <summary>The process's exit code when the configuration was refused: a supervisor must not take it for success, nor for a crash.</summary>
    public const int InvalidConfigurationExitCode = 2;

    // IOptions<T> asks that T keep its parameterless constructor (the options factory makes one); the trimmer holds
    // this open method to the same.
    public static bool TryRead<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IOptions<TOptions> options, string role, ILogger logger, IHostApplicationLifetime lifetime, [NotNullWhen(true)] out TOptions? value)
        where TOptions : class
    {
        try
        {
            value = options.Value;
            return true;
        }
        catch (OptionsValidationException ex)
        {
            var failures = ex.Failures.ToList();
            foreach (var failure in failures)
            {
                HostingLog.InvalidConfiguration(logger, failure);
            }

            HostingLog.NotStarted(logger, role, failures.Count, InvalidConfigurationExitCode);
            Environment.ExitCode = InvalidConfigurationExitCode;
            lifetime.StopApplication();
            value = null;
            return false;
        }
    }
}
