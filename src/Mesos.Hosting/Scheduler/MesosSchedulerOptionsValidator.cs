using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Scheduler;

/// <summary>Checks the scheduler options at start-up; every message names the configuration key and the bad value.</summary>
internal sealed class MesosSchedulerOptionsValidator : IValidateOptions<MesosSchedulerOptions>
{
    private const string Key = MesosSchedulerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MesosSchedulerOptions options)
    {
        var failures = new List<string>();
        MasterDetection.Check(failures, Key, options.Master, options.AllMasters, options.DetectedMasterScheme);

        if (options.HighAvailability.ZooKeeper is { } ha && MasterUrls.ZooKeeperProblem(ha, forMasters: false) is { } haProblem)
        {
            failures.Add($"{Key}:HighAvailability:ZooKeeper: {haProblem}");
        }

        Positive(failures, "HighAvailability:SessionTimeout", options.HighAvailability.SessionTimeout);

        var framework = options.Framework;
        if (string.IsNullOrWhiteSpace(framework.Name))
        {
            failures.Add($"{Key}:Framework:Name: a framework needs a name.");
        }

        if (string.IsNullOrWhiteSpace(framework.User))
        {
            failures.Add($"{Key}:Framework:User: a framework needs the Unix user its tasks run as.");
        }

        var unknown = framework.Capabilities.Where(c => Capability(c) is null).ToList();
        if (unknown.Count > 0)
        {
            failures.Add($"{Key}:Framework:Capabilities: '{string.Join("', '", unknown)}' is not a Mesos framework capability.");
        }

        var multiRole = framework.Capabilities.Any(c => Capability(c) == FrameworkInfo.Types.Capability.Types.Type.MultiRole);
        if (framework.Roles.Count > 0 && !multiRole)
        {
            failures.Add($"{Key}:Framework:Roles: roles [{string.Join(", ", framework.Roles)}] need MULTI_ROLE in {Key}:Framework:Capabilities.");
        }

        if (framework.Role is not null && (multiRole || framework.Roles.Count > 0))
        {
            failures.Add($"{Key}:Framework:Role: '{framework.Role}' must not be set together with {Key}:Framework:Roles or MULTI_ROLE; use Roles.");
        }

        NotNegative(failures, "Framework:FailoverTimeout", framework.FailoverTimeout);
        Positive(failures, "ReconnectInitialDelay", options.ReconnectInitialDelay);
        Positive(failures, "ReconnectMaxDelay", options.ReconnectMaxDelay);
        Positive(failures, "CallTimeout", options.CallTimeout);
        NotNegative(failures, "StableSubscriptionTime", options.StableSubscriptionTime);
        Positive(failures, "ReconciliationInitialDelay", options.ReconciliationInitialDelay);
        Positive(failures, "ReconciliationMaxDelay", options.ReconciliationMaxDelay);
        NotNegative(failures, "ImplicitReconciliationInterval", options.ImplicitReconciliationInterval);
        Positive(failures, "Health:SubscribeWithin", options.Health.SubscribeWithin);
        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add($"{Key}:ReconnectMaxDelay: '{HumanDuration.Format(options.ReconnectMaxDelay)}' is shorter than {Key}:ReconnectInitialDelay '{HumanDuration.Format(options.ReconnectInitialDelay)}'.");
        }

        if (options.HeartbeatMissesBeforeReconnect < 1)
        {
            failures.Add($"{Key}:HeartbeatMissesBeforeReconnect: '{options.HeartbeatMissesBeforeReconnect}' must be at least 1.");
        }

        if (options.EventBufferCapacity < 1)
        {
            failures.Add($"{Key}:EventBufferCapacity: '{options.EventBufferCapacity}' must be at least 1.");
        }

        if (options.UnusedOfferRefuseSeconds < 0 || double.IsNaN(options.UnusedOfferRefuseSeconds))
        {
            failures.Add($"{Key}:UnusedOfferRefuseSeconds: '{options.UnusedOfferRefuseSeconds}' must not be negative.");
        }

        ConnectionOptionChecks.Check(failures, Key, options.ContentType, options.Principal, options.Secret, options.CaCertificateFile);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The capability named as Mesos names it (MULTI_ROLE), or null.</summary>
    public static FrameworkInfo.Types.Capability.Types.Type? Capability(string name)
        => FrameworkInfo.Types.Capability.Descriptor.EnumTypes[0].FindValueByName(name.Trim().ToUpperInvariant()) is { Number: > 0 } value
            ? (FrameworkInfo.Types.Capability.Types.Type)value.Number
            : null;

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key}:{key}: '{HumanDuration.Format(value)}' must be positive.");
        }
    }

    private static void NotNegative(List<string> failures, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{Key}:{key}: '{HumanDuration.Format(value)}' must not be negative.");
        }
    }
}
