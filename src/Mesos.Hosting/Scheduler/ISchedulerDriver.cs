using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Every v1 scheduler call. Calls go out one at a time, in the order made, on a connection of their
/// own; made while not subscribed they throw <see cref="MesosNotSubscribedException"/>, and a 4xx
/// answer throws <see cref="MesosCallException"/> carrying Mesos's message.
/// </summary>
public interface ISchedulerDriver
{
    /// <summary>The framework's ID, once the master has assigned it (or it was resumed from the store).</summary>
    FrameworkID? FrameworkId { get; }

    /// <summary>Whether a subscription is live now.</summary>
    bool IsSubscribed { get; }

    /// <summary>ACCEPT: performs <paramref name="operations"/> on the offers, in order; whatever is left is declined with <paramref name="filters"/>.</summary>
    Task AcceptAsync(IEnumerable<OfferID> offerIds, IEnumerable<Offer.Types.Operation> operations, Filters? filters = null, CancellationToken cancellationToken = default);

    /// <summary>ACCEPT with one LAUNCH operation.</summary>
    Task LaunchTasksAsync(IEnumerable<OfferID> offerIds, IEnumerable<TaskInfo> tasks, Filters? filters = null, CancellationToken cancellationToken = default);

    /// <summary>ACCEPT with one LAUNCH_GROUP operation: the tasks reach <paramref name="executor"/> together.</summary>
    Task LaunchTaskGroupAsync(IEnumerable<OfferID> offerIds, ExecutorInfo executor, IEnumerable<TaskInfo> tasks, Filters? filters = null, CancellationToken cancellationToken = default);

    /// <summary>DECLINE.</summary>
    Task DeclineAsync(IEnumerable<OfferID> offerIds, Filters? filters = null, CancellationToken cancellationToken = default);

    /// <summary>REVIVE for <paramref name="roles"/>, or every role when none are given.</summary>
    Task ReviveAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default);

    /// <summary>SUPPRESS for <paramref name="roles"/>, or every role when none are given.</summary>
    Task SuppressAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default);

    /// <summary>KILL.</summary>
    Task KillTaskAsync(TaskID taskId, AgentID? agentId = null, KillPolicy? killPolicy = null, CancellationToken cancellationToken = default);

    /// <summary>SHUTDOWN of an executor.</summary>
    Task ShutdownExecutorAsync(ExecutorID executorId, AgentID agentId, CancellationToken cancellationToken = default);

    /// <summary>ACKNOWLEDGE; for updates handled with implicit acknowledgements off. Throws for an update without a uuid.</summary>
    Task AcknowledgeAsync(TaskStatus status, CancellationToken cancellationToken = default);

    /// <summary>ACKNOWLEDGE_OPERATION_STATUS. Throws for a status without a uuid or an agent.</summary>
    Task AcknowledgeOperationStatusAsync(OperationStatus status, CancellationToken cancellationToken = default);

    /// <summary>RECONCILE of these tasks, or of every task the master knows when none are given.</summary>
    Task ReconcileTasksAsync(IEnumerable<Call.Types.Reconcile.Types.Task>? tasks = null, CancellationToken cancellationToken = default);

    /// <summary>RECONCILE_OPERATIONS of these operations, or of every one when none are given.</summary>
    Task ReconcileOperationsAsync(IEnumerable<Call.Types.ReconcileOperations.Types.Operation>? operations = null, CancellationToken cancellationToken = default);

    /// <summary>MESSAGE to an executor (best effort).</summary>
    Task SendFrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken = default);

    /// <summary>REQUEST (ignored by Mesos's built-in allocator).</summary>
    Task RequestResourcesAsync(IEnumerable<Request> requests, CancellationToken cancellationToken = default);

    /// <summary>ACCEPT_INVERSE_OFFERS.</summary>
    Task AcceptInverseOffersAsync(IEnumerable<OfferID> inverseOfferIds, Filters? filters = null, CancellationToken cancellationToken = default);

    /// <summary>DECLINE_INVERSE_OFFERS.</summary>
    Task DeclineInverseOffersAsync(IEnumerable<OfferID> inverseOfferIds, Filters? filters = null, CancellationToken cancellationToken = default);

    /// <summary>UPDATE_FRAMEWORK; the FrameworkInfo's ID is filled in.</summary>
    Task UpdateFrameworkAsync(FrameworkInfo frameworkInfo, IEnumerable<string>? suppressedRoles = null, OfferConstraints? offerConstraints = null, CancellationToken cancellationToken = default);

    /// <summary>TEARDOWN: removes the framework and kills all its tasks. Never sent by stopping the host.</summary>
    Task TeardownAsync(CancellationToken cancellationToken = default);
}
