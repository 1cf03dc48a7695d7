using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.Executor;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Checks at start that the MESOS_* environment, with the settings' overrides, describes an executor, and that the
/// settings are usable: every problem at once, the environment's in one message, each setting's in one of its own.
/// </summary>
internal sealed class MesosExecutorEnvironmentValidator : IValidateOptions<MesosExecutorOptions>
{
    private const string Key = MesosExecutorOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MesosExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            MesosExecutorEnvironment.Read(MesosExecutorEnvironment.ProcessVariables(), options);
        }
        catch (FormatException ex)
        {
            failures.Add(ex.Message);
        }

        Check(failures, "CallTimeout", options.CallTimeout, allowZero: false);
        Check(failures, "SubscribeRetryInterval", options.SubscribeRetryInterval, allowZero: false);
        Check(failures, "AcknowledgementTimeout", options.AcknowledgementTimeout, allowZero: true);
        Check(failures, "HeartbeatInterval", options.HeartbeatInterval, allowZero: false);
        ConnectionOptionChecks.CheckContentType(failures, Key, options.ContentType);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            failures.Add($"{Key}:{key}: '{HumanDuration.Format(value)}' must {(allowZero ? "not be negative" : "be positive")}.");
        }
    }
}
