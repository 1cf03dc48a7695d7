using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Scheduler;
using OperationType = Mesos.V1.Offer.Types.Operation.Types.Type;

namespace Mesos.Hosting.Scheduler;

/// <summary>Each non-subscribe call built as Mesos expects it; the framework ID is stamped when it is sent.</summary>
internal static class SchedulerCalls
{
    public static Call Accept(IEnumerable<OfferID> offerIds, IEnumerable<Offer.Types.Operation> operations, Filters? filters)
    {
        var accept = new Call.Types.Accept { Filters = filters };
        accept.OfferIds.AddRange(offerIds);
        accept.Operations.AddRange(operations);
        return new Call { Type = Call.Types.Type.Accept, Accept = accept };
    }

    public static Offer.Types.Operation Launch(IEnumerable<TaskInfo> tasks)
    {
        var launch = new Offer.Types.Operation.Types.Launch();
        launch.TaskInfos.AddRange(tasks);
        return new Offer.Types.Operation { Type = OperationType.Launch, Launch = launch };
    }

    public static Offer.Types.Operation LaunchGroup(ExecutorInfo executor, IEnumerable<TaskInfo> tasks)
    {
        var group = new TaskGroupInfo();
        group.Tasks.AddRange(tasks);
        return new Offer.Types.Operation
        {
            Type = OperationType.LaunchGroup,
            LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = executor, TaskGroup = group },
        };
    }

    /// <summary>The tasks an ACCEPT launches, in LAUNCH and LAUNCH_GROUP operations alike.</summary>
    public static List<TaskInfo> LaunchedTasks(Call.Types.Accept accept)
        => accept.Operations.SelectMany(o => o.Launch?.TaskInfos.AsEnumerable() ?? o.LaunchGroup?.TaskGroup.Tasks ?? []).ToList();

    public static Call Decline(IEnumerable<OfferID> offerIds, Filters? filters)
    {
        var decline = new Call.Types.Decline { Filters = filters };
        decline.OfferIds.AddRange(offerIds);
        return new Call { Type = Call.Types.Type.Decline, Decline = decline };
    }

    public static Call Revive(IEnumerable<string>? roles)
    {
        var revive = new Call.Types.Revive();
        revive.Roles.AddRange(roles ?? []);
        return new Call { Type = Call.Types.Type.Revive, Revive = revive };
    }

    public static Call Suppress(IEnumerable<string>? roles)
    {
        var suppress = new Call.Types.Suppress();
        suppress.Roles.AddRange(roles ?? []);
        return new Call { Type = Call.Types.Type.Suppress, Suppress = suppress };
    }

    public static Call Kill(TaskID taskId, AgentID? agentId, KillPolicy? killPolicy)
        => new() { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = taskId, AgentId = agentId, KillPolicy = killPolicy } };

    public static Call Shutdown(ExecutorID executorId, AgentID agentId)
        => new() { Type = Call.Types.Type.Shutdown, Shutdown = new Call.Types.Shutdown { ExecutorId = executorId, AgentId = agentId } };

    public static Call Acknowledge(TaskStatus status) => new()
    {
        Type = Call.Types.Type.Acknowledge,
        Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
    };

    public static Call AcknowledgeOperationStatus(OperationStatus status) => new()
    {
        Type = Call.Types.Type.AcknowledgeOperationStatus,
        AcknowledgeOperationStatus = new Call.Types.AcknowledgeOperationStatus
        {
            AgentId = status.AgentId,
            ResourceProviderId = status.ResourceProviderId,
            Uuid = status.Uuid.Value,
            OperationId = status.OperationId,
        },
    };

    public static Call Reconcile(IEnumerable<Call.Types.Reconcile.Types.Task>? tasks)
    {
        var reconcile = new Call.Types.Reconcile();
        reconcile.Tasks.AddRange(tasks ?? []);
        return new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile };
    }

    public static Call ReconcileOperations(IEnumerable<Call.Types.ReconcileOperations.Types.Operation>? operations)
    {
        var reconcile = new Call.Types.ReconcileOperations();
        reconcile.Operations.AddRange(operations ?? []);
        return new Call { Type = Call.Types.Type.ReconcileOperations, ReconcileOperations = reconcile };
    }

    public static Call Message(ExecutorID executorId, AgentID agentId, ByteString data)
        => new() { Type = Call.Types.Type.Message, Message = new Call.Types.Message { ExecutorId = executorId, AgentId = agentId, Data = data } };

    public static Call Request(IEnumerable<Request> requests)
    {
        var request = new Call.Types.Request();
        request.Requests.AddRange(requests);
        return new Call { Type = Call.Types.Type.Request, Request = request };
    }

    public static Call AcceptInverseOffers(IEnumerable<OfferID> inverseOfferIds, Filters? filters)
    {
        var accept = new Call.Types.AcceptInverseOffers { Filters = filters };
        accept.InverseOfferIds.AddRange(inverseOfferIds);
        return new Call { Type = Call.Types.Type.AcceptInverseOffers, AcceptInverseOffers = accept };
    }

    public static Call DeclineInverseOffers(IEnumerable<OfferID> inverseOfferIds, Filters? filters)
    {
        var decline = new Call.Types.DeclineInverseOffers { Filters = filters };
        decline.InverseOfferIds.AddRange(inverseOfferIds);
        return new Call { Type = Call.Types.Type.DeclineInverseOffers, DeclineInverseOffers = decline };
    }

    public static Call UpdateFramework(FrameworkInfo info, IEnumerable<string>? suppressedRoles, OfferConstraints? offerConstraints)
    {
        var update = new Call.Types.UpdateFramework { FrameworkInfo = info, OfferConstraints = offerConstraints };
        update.SuppressedRoles.AddRange(suppressedRoles ?? []);
        return new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = update };
    }

    public static Call Teardown() => new() { Type = Call.Types.Type.Teardown };
}
