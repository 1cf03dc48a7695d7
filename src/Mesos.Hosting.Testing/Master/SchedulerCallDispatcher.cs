using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Every scheduler call but SUBSCRIBE: who sent it, checked as Mesos checks it, then the collaborator that does it. Called with the lock held.</summary>
internal sealed class SchedulerCallDispatcher(
    MasterState state, OfferAllocator allocator, AcceptHandler accept, TaskReconciler reconciler, FrameworkUpdater updater, FrameworkRemoval removal)
{
    /// <summary>Checks 9 to 14 of Mesos's scheduler handler: the framework a call comes from, and its stream.</summary>
    public (FrameworkRecord? Framework, int Status, string Error) Caller(Call call, string? streamId, string? principal)
    {
        if (state.FindFramework(call.FrameworkId.Value) is not { } framework)
        {
            return (null, StatusCodes.Status400BadRequest, "Framework cannot be found");
        }

        if (principal is not null && framework.Info.HasPrincipal && framework.Info.Principal != principal)
        {
            return (null, StatusCodes.Status400BadRequest, $"Authenticated principal '{principal}' does not match principal '{framework.Info.Principal}' set in `FrameworkInfo`");
        }

        if (!framework.Connected)
        {
            return (null, StatusCodes.Status403Forbidden, "Framework is not subscribed");
        }

        if (string.IsNullOrEmpty(streamId))
        {
            return (null, StatusCodes.Status400BadRequest, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }

        if (streamId != framework.StreamId)
        {
            return (null, StatusCodes.Status400BadRequest,
                $"The stream ID '{streamId}' included in this request didn't match the stream ID currently associated with framework ID {framework.Id}");
        }

        return (framework, StatusCodes.Status202Accepted, string.Empty);
    }

    public (int Status, string Error) Dispatch(FrameworkRecord framework, Call call)
    {
        switch (call.Type)
        {
            case Call.Types.Type.Teardown:
                removal.Remove(framework);
                break;
            case Call.Types.Type.Accept:
                accept.Accept(framework, call.Accept);
                break;
            case Call.Types.Type.Decline:
                allocator.Decline(framework, call.Decline.OfferIds, call.Decline.Filters);
                break;
            case Call.Types.Type.Revive:
                allocator.Revive(framework, call.Revive?.Roles ?? []);
                break;
            case Call.Types.Type.Suppress:
                OfferAllocator.Suppress(framework, call.Suppress?.Roles ?? []);
                break;
            case Call.Types.Type.Kill:
                reconciler.Kill(framework, call.Kill);
                break;
            case Call.Types.Type.Shutdown:
                state.FindAgent(call.Shutdown.AgentId.Value)?.ShutdownExecutor(framework.Id, call.Shutdown.ExecutorId.Value);
                break;
            case Call.Types.Type.Acknowledge:
                state.FindAgent(call.Acknowledge.AgentId.Value)?.Acknowledge(framework.Id, call.Acknowledge.TaskId.Value, call.Acknowledge.Uuid);
                break;
            case Call.Types.Type.Reconcile:
                reconciler.Reconcile(framework, call.Reconcile.Tasks);
                break;
            case Call.Types.Type.ReconcileOperations:
                reconciler.ReconcileOperations(framework, call.ReconcileOperations);
                break;
            case Call.Types.Type.Message:
                state.FindAgent(call.Message.AgentId.Value)?.SendMessage(framework.Id, call.Message.ExecutorId.Value, call.Message.Data);
                break;
            case Call.Types.Type.UpdateFramework:
                return updater.Update(framework, call.UpdateFramework);
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
}
