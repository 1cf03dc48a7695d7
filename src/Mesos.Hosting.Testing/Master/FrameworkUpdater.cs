using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>UPDATE_FRAMEWORK: a subscribed framework changes its FrameworkInfo and suppressed roles without resubscribing.</summary>
internal sealed class FrameworkUpdater(MasterState state, OfferAllocator allocator, OperatorSubscribers operators)
{
    public (int Status, string Error) Update(FrameworkRecord framework, Call.Types.UpdateFramework update)
    {
        var info = update.FrameworkInfo;
        if (FrameworkInfoValidator.Validate(info, state.Options.Roles) is { } invalid)
        {
            return (StatusCodes.Status400BadRequest, "Supplied FrameworkInfo is not valid: " + invalid);
        }

        var changed = new List<string>();
        if (info.User != framework.Info.User)
        {
            changed.Add("'user'");
        }

        if (info.Checkpoint != framework.Info.Checkpoint)
        {
            changed.Add("'checkpoint'");
        }

        if (info.Principal != framework.Info.Principal)
        {
            changed.Add("'principal'");
        }

        if (changed.Count > 0)
        {
            return (StatusCodes.Status400BadRequest, $"FrameworkInfo update is not valid: Updating {string.Join(", ", changed)} is unsupported");
        }

        var roles = FrameworkCapabilities.Roles(info);
        if (FrameworkInfoValidator.ValidateSuppressedRoles(update.SuppressedRoles, roles) is { } suppressedError)
        {
            return (StatusCodes.Status400BadRequest, "'UpdateFramework' call is not valid: " + suppressedError);
        }

        framework.Info = info.Clone();
        operators.FrameworkChanged(framework, isNew: false);
        allocator.RescindOffers(framework, offer => !roles.Contains(offer.Role));

        var unsuppressed = framework.SuppressedRoles.Except(update.SuppressedRoles).ToList();
        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(update.SuppressedRoles);
        foreach (var key in framework.DeclineFilters.Keys.Where(k => unsuppressed.Contains(k.Role) || !roles.Contains(k.Role)).ToList())
        {
            framework.DeclineFilters.Remove(key);
        }

        foreach (var agent in state.Agents)
        {
            agent.FrameworkResubscribed(framework.Info);
        }

        // As Mesos's updateFramework: roles added or no longer suppressed are offered at the next allocation cycle.
        return (StatusCodes.Status200OK, string.Empty);
    }
}
