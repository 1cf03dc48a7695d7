using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Mesos's <c>scheduler::call::validate</c> (src/master/validation.cpp): the reason a call is refused, or null.</summary>
internal static class SchedulerCallValidator
{
    public static string? Validate(Call call, string? authenticatedPrincipal)
    {
        if (!call.HasType)
        {
            return "Expecting 'type' to be present";
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            return ValidateSubscribe(call, authenticatedPrincipal);
        }

        if (call.FrameworkId is null)
        {
            return "Expecting 'framework_id' to be present";
        }

        return call.Type switch
        {
            Call.Types.Type.Accept => Present(call.Accept, "accept"),
            Call.Types.Type.Decline => Present(call.Decline, "decline"),
            Call.Types.Type.AcceptInverseOffers => Present(call.AcceptInverseOffers, "accept_inverse_offers"),
            Call.Types.Type.DeclineInverseOffers => Present(call.DeclineInverseOffers, "decline_inverse_offers"),
            Call.Types.Type.Kill => Present(call.Kill, "kill"),
            Call.Types.Type.Shutdown => Present(call.Shutdown, "shutdown"),
            Call.Types.Type.Acknowledge => Present(call.Acknowledge, "acknowledge")
                ?? (MesosUuid.IsValid(call.Acknowledge.Uuid.Span) ? null : "Not a valid UUID"),
            Call.Types.Type.AcknowledgeOperationStatus => Present(call.AcknowledgeOperationStatus, "acknowledge_operation_status")
                ?? (MesosUuid.IsValid(call.AcknowledgeOperationStatus.Uuid.Span) ? null : "Not a valid UUID")
                ?? (call.AcknowledgeOperationStatus.AgentId is null ? "Expecting 'agent_id' to be present" : null),
            Call.Types.Type.Reconcile => Present(call.Reconcile, "reconcile"),
            Call.Types.Type.ReconcileOperations => Present(call.ReconcileOperations, "reconcile_operations"),
            Call.Types.Type.Message => Present(call.Message, "message"),
            Call.Types.Type.Request => Present(call.Request, "request"),
            Call.Types.Type.UpdateFramework => Present(call.UpdateFramework, "update_framework")
                ?? (Equals(call.UpdateFramework.FrameworkInfo.Id, call.FrameworkId) ? null : "'framework_id' differs from 'update_framework.framework_info.id'"),
            _ => null,
        };
    }

    private static string? ValidateSubscribe(Call call, string? authenticatedPrincipal)
    {
        if (call.Subscribe is null)
        {
            return "Expecting 'subscribe' to be present";
        }

        var info = call.Subscribe.FrameworkInfo;
        if (!Equals(call.FrameworkId, info.Id))
        {
            return "'framework_id' differs from 'subscribe.framework_info.id'";
        }

        if (authenticatedPrincipal is not null && info.HasPrincipal && info.Principal != authenticatedPrincipal)
        {
            return $"Authenticated principal '{authenticatedPrincipal}' does not match principal '{info.Principal}' set in `FrameworkInfo`";
        }

        return null;
    }

    private static string? Present(object? payload, string name) => payload is null ? $"Expecting '{name}' to be present" : null;
}
