using Mesos.Hosting.Connection;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Operator;

/// <summary>Checks the operator options at start-up; every message names the configuration key and the bad value.</summary>
internal sealed class MesosOperatorOptionsValidator : IValidateOptions<MesosOperatorOptions>
{
    private const string Key = MesosOperatorOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MesosOperatorOptions options)
    {
        var failures = new List<string>();
        MasterDetection.Check(failures, Key, options.Master, options.AllMasters, options.DetectedMasterScheme);
        Positive(failures, "CallTimeout", options.CallTimeout);
        Positive(failures, "RetryInitialDelay", options.RetryInitialDelay);
        Positive(failures, "RetryMaxDelay", options.RetryMaxDelay);
        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"{Key}:RetryMaxDelay: '{Diagnostics.HumanDuration.Format(options.RetryMaxDelay)}' is shorter than {Key}:RetryInitialDelay '{Diagnostics.HumanDuration.Format(options.RetryInitialDelay)}'.");
        }

        if (options.StableSubscriptionTime < TimeSpan.Zero)
        {
            failures.Add($"{Key}:StableSubscriptionTime: '{options.StableSubscriptionTime}' must not be negative.");
        }

        AtLeast(failures, "MaxAnswerBytes", options.MaxAnswerBytes, 1024);
        AtLeast(failures, "CallRetries", options.CallRetries, 0);
        AtLeast(failures, "HeartbeatMissesBeforeReconnect", options.HeartbeatMissesBeforeReconnect, 1);
        AtLeast(failures, "EventBufferCapacity", options.EventBufferCapacity, 1);

        ConnectionOptionChecks.Check(failures, Key, options.ContentType, options.Principal, options.Secret, options.CaCertificateFile);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key}:{key}: '{Diagnostics.HumanDuration.Format(value)}' must be positive.");
        }
    }

    private static void AtLeast(List<string> failures, string key, long value, long minimum)
    {
        if (value < minimum)
        {
            failures.Add($"{Key}:{key}: '{value}' must be at least {minimum}.");
        }
    }
}
