using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Every non-SUBSCRIBE scheduler call, once the handler has checked who sent it.</summary>
internal sealed partial class LocalMaster
{
    public (int Status, string Error) Dispatch(FrameworkRecord framework, Call call)
    {
        switch (call.Type)
        {
            case Call.Types.Type.Teardown:
                RemoveFramework(framework);
                break;
            case Call.Types.Type.Accept:
                Accept(framework, call.Accept);
                break;
            case Call.Types.Type.Decline:
                Decline(framework, call.Decline.OfferIds, call.Decline.Filters);
                break;
            case Call.Types.Type.Revive:
                Revive(framework, call.Revive?.Roles ?? []);
                break;
            case Call.Types.Type.Suppress:
                Suppress(framework, call.Suppress?.Roles ?? []);
                break;
            case Call.Types.Type.Kill:
                Kill(framework, call.Kill);
                break;
            case Call.Types.Type.Shutdown:
                FindAgent(call.Shutdown.AgentId.Value)?.ShutdownExecutor(framework.Id, call.Shutdown.ExecutorId.Value);
                break;
            case Call.Types.Type.Acknowledge:
                FindAgent(call.Acknowledge.AgentId.Value)?.Acknowledge(framework.Id, call.Acknowledge.TaskId.Value, call.Acknowledge.Uuid);
                break;
            case Call.Types.Type.Reconcile:
                Reconcile(framework, call.Reconcile.Tasks);
                break;
            case Call.Types.Type.ReconcileOperations:
                ReconcileOperations(framework, call.ReconcileOperations);
                break;
            case Call.Types.Type.Message:
                FindAgent(call.Message.AgentId.Value)?.SendMessage(framework.Id, call.Message.ExecutorId.Value, call.Message.Data);
                break;
            case Call.Types.Type.UpdateFramework:
                return UpdateFramework(framework, call.UpdateFramework);
            case Call.Types.Type.Request:
            case Call.Types.Type.AcceptInverseOffers:
            case Call.Types.Type.DeclineInverseOffers:
            case Call.Types.Type.AcknowledgeOperationStatus:
                // No inverse offers and no operation feedback with uuids are ever made here.
                break;
            default:
                return (StatusCodes.Status501NotImplemented, string.Empty);
        }

        return (StatusCodes.Status202Accepted, string.Empty);
    }

    private void Decline(FrameworkRecord framework, IEnumerable<OfferID> offerIds, Filters? filters)
    {
        var now = Time.GetUtcNow();
        foreach (var offerId in offerIds)
        {
            // Unknown and stale offer IDs are ignored, as Mesos does.
            if (framework.Offers.TryGetValue(offerId.Value, out var offer))
            {
                RemoveOffer(offer);
                AddFilter(framework, offer.Agent.Id, offer.Role, offer.Resources, filters, now);
            }
        }

        Allocate();
    }

    private void Revive(FrameworkRecord framework, IReadOnlyCollection<string> roles)
    {
        if (RolesOf(framework, roles) is not { } chosen)
        {
            return;
        }

        framework.SuppressedRoles.ExceptWith(chosen);
        foreach (var key in framework.DeclineFilters.Keys.Where(k => chosen.Contains(k.Role)).ToList())
        {
            framework.DeclineFilters.Remove(key);
        }

        Allocate();
    }

    private static void Suppress(FrameworkRecord framework, IReadOnlyCollection<string> roles)
    {
        if (RolesOf(framework, roles) is { } chosen)
        {
            framework.SuppressedRoles.UnionWith(chosen);
        }
    }

    // Empty means every role; a role the framework is not subscribed to voids the whole call.
    private static List<string>? RolesOf(FrameworkRecord framework, IReadOnlyCollection<string> roles)
        => roles.Count == 0 ? [.. framework.Roles] : roles.All(framework.Roles.Contains) ? [.. roles] : null;

    private void Kill(FrameworkRecord framework, Call.Types.Kill kill)
    {
        if (!framework.Tasks.TryGetValue(kill.TaskId.Value, out var task))
        {
            ReconcileOne(framework, kill.TaskId, kill.AgentId);
            return;
        }

        if (kill.AgentId is { } agentId && agentId.Value != task.AgentId)
        {
            return;
        }

        FindAgent(task.AgentId)?.KillTask(framework.Id, task.Id, kill.KillPolicy);
    }

    private (int Status, string Error) UpdateFramework(FrameworkRecord framework, Call.Types.UpdateFramework update)
    {
        var info = update.FrameworkInfo;
        if (FrameworkInfoValidator.Validate(info, Options.Roles) is { } invalid)
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
        foreach (var offer in framework.Offers.Values.Where(o => !roles.Contains(o.Role)).ToList())
        {
            RemoveOffer(offer);
            Send(framework, new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = offer.Message.Id } });
        }

        var unsuppressed = framework.SuppressedRoles.Except(update.SuppressedRoles).ToList();
        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(update.SuppressedRoles);
        foreach (var key in framework.DeclineFilters.Keys.Where(k => unsuppressed.Contains(k.Role) || !roles.Contains(k.Role)).ToList())
        {
            framework.DeclineFilters.Remove(key);
        }

        foreach (var agent in _agents)
        {
            agent.FrameworkResubscribed(framework.Info);
        }

        Allocate();
        return (StatusCodes.Status200OK, string.Empty);
    }
}
