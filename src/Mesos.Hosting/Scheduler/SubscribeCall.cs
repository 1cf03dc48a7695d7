using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>The SUBSCRIBE call, built from the options: a new framework, or the one whose ID is known.</summary>
internal static class SubscribeCall
{
    public static Call Build(MesosSchedulerOptions options, FrameworkID? frameworkId)
    {
        var framework = options.Framework;
        var info = new FrameworkInfo
        {
            User = framework.User,
            Name = framework.Name,
            FailoverTimeout = framework.FailoverTimeout.TotalSeconds,
            Checkpoint = framework.Checkpoint,
        };
        if (framework.Roles.Count > 0)
        {
            info.Roles.AddRange(framework.Roles);
        }
        else if (framework.Role is { } role)
        {
#pragma warning disable CS0612 // The single-role field is how a framework without MULTI_ROLE names its role.
            info.Role = role;
#pragma warning restore CS0612
        }

        info.Capabilities.AddRange(framework.Capabilities.Select(c => new FrameworkInfo.Types.Capability { Type = MesosSchedulerOptionsValidator.Capability(c)!.Value }));
        if (framework.Labels.Count > 0)
        {
            info.Labels = new Labels();
            info.Labels.Labels_.AddRange(framework.Labels.Select(l => new Label { Key = l.Key, Value = l.Value }));
        }

        if (framework.Hostname is { } hostname)
        {
            info.Hostname = hostname;
        }

        if (framework.WebUiUrl is { } webUi)
        {
            info.WebuiUrl = webUi;
        }

        if (options.Principal is { } principal)
        {
            info.Principal = principal;
        }

        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = info } };
        // Mesos takes an empty ID as none and registers a new framework, whose ID the driver must then not refuse as foreign.
        if (!string.IsNullOrEmpty(frameworkId?.Value))
        {
            info.Id = frameworkId.Clone();
            call.FrameworkId = frameworkId.Clone();
        }

        return call;
    }
}
