using Google.Protobuf;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>The calls, each built as Mesos expects it and sent through the ordered call queue.</summary>
internal sealed partial class SchedulerDriver
{
    public Task AcceptAsync(IEnumerable<OfferID> offerIds, IEnumerable<Offer.Types.Operation> operations, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var accept = new Call.Types.Accept { Filters = filters };
        accept.OfferIds.AddRange(offerIds);
        accept.Operations.AddRange(operations);
        _offers.Release(accept.OfferIds);
        return LaunchAsync(accept, cancellationToken);
    }

    // Tasks are tracked for reconciliation from the moment the ACCEPT may reach the master, and
    // forgotten again when it certainly did not (not sent, or refused with a 4xx).
    private async Task LaunchAsync(Call.Types.Accept accept, CancellationToken cancellationToken)
    {
        var tasks = accept.Operations.SelectMany(o => o.Launch?.TaskInfos.AsEnumerable() ?? o.LaunchGroup?.TaskGroup.Tasks ?? []).ToList();
        _tasks.Launched(tasks);
        try
        {
            await SendAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MesosNotSubscribedException or MesosCallException)
        {
            _tasks.Forget(tasks);
            throw;
        }
    }

    public Task LaunchTasksAsync(IEnumerable<OfferID> offerIds, IEnumerable<TaskInfo> tasks, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var launch = new Offer.Types.Operation.Types.Launch();
        launch.TaskInfos.AddRange(tasks);
        return AcceptAsync(offerIds, [new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = launch }], filters, cancellationToken);
    }

    public Task LaunchTaskGroupAsync(IEnumerable<OfferID> offerIds, ExecutorInfo executor, IEnumerable<TaskInfo> tasks, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var group = new TaskGroupInfo();
        group.Tasks.AddRange(tasks);
        var operation = new Offer.Types.Operation
        {
            Type = Offer.Types.Operation.Types.Type.LaunchGroup,
            LaunchGroup = new Offer.Types.Operation.Types.LaunchGroup { Executor = executor, TaskGroup = group },
        };
        return AcceptAsync(offerIds, [operation], filters, cancellationToken);
    }

    public Task DeclineAsync(IEnumerable<OfferID> offerIds, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var decline = new Call.Types.Decline { Filters = filters };
        decline.OfferIds.AddRange(offerIds);
        _offers.Release(decline.OfferIds);
        return SendAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline }, cancellationToken);
    }

    public Task ReviveAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default)
    {
        var revive = new Call.Types.Revive();
        revive.Roles.AddRange(roles ?? []);
        return SendAsync(new Call { Type = Call.Types.Type.Revive, Revive = revive }, cancellationToken);
    }

    public Task SuppressAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default)
    {
        var suppress = new Call.Types.Suppress();
        suppress.Roles.AddRange(roles ?? []);
        return SendAsync(new Call { Type = Call.Types.Type.Suppress, Suppress = suppress }, cancellationToken);
    }

    public Task KillTaskAsync(TaskID taskId, AgentID? agentId = null, KillPolicy? killPolicy = null, CancellationToken cancellationToken = default)
        => SendAsync(new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = taskId, AgentId = agentId, KillPolicy = killPolicy } }, cancellationToken);

    public Task ShutdownExecutorAsync(ExecutorID executorId, AgentID agentId, CancellationToken cancellationToken = default)
        => SendAsync(new Call { Type = Call.Types.Type.Shutdown, Shutdown = new Call.Types.Shutdown { ExecutorId = executorId, AgentId = agentId } }, cancellationToken);

    public Task AcknowledgeAsync(TaskStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!status.HasUuid || status.AgentId is null)
        {
            throw new ArgumentException($"The update of task {status.TaskId?.Value} has no uuid (or no agent): Mesos asks for no acknowledgement of it and would refuse one.", nameof(status));
        }

        _metrics.Acknowledgements.Add(1);
        return SendAsync(new Call
        {
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
        }, cancellationToken);
    }

    public Task AcknowledgeOperationStatusAsync(OperationStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Uuid is null || status.AgentId is null || status.OperationId is null)
        {
            throw new ArgumentException("Only an operation status with a uuid, an agent and an operation ID is acknowledged.", nameof(status));
        }

        return SendAsync(new Call
        {
            Type = Call.Types.Type.AcknowledgeOperationStatus,
            AcknowledgeOperationStatus = new Call.Types.AcknowledgeOperationStatus
            {
                AgentId = status.AgentId,
                ResourceProviderId = status.ResourceProviderId,
                Uuid = status.Uuid.Value,
                OperationId = status.OperationId,
            },
        }, cancellationToken);
    }

    public Task ReconcileTasksAsync(IEnumerable<Call.Types.Reconcile.Types.Task>? tasks = null, CancellationToken cancellationToken = default)
    {
        var reconcile = new Call.Types.Reconcile();
        reconcile.Tasks.AddRange(tasks ?? []);
        return SendAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile }, cancellationToken);
    }

    public Task ReconcileOperationsAsync(IEnumerable<Call.Types.ReconcileOperations.Types.Operation>? operations = null, CancellationToken cancellationToken = default)
    {
        var reconcile = new Call.Types.ReconcileOperations();
        reconcile.Operations.AddRange(operations ?? []);
        return SendAsync(new Call { Type = Call.Types.Type.ReconcileOperations, ReconcileOperations = reconcile }, cancellationToken);
    }

    public Task SendFrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken = default)
        => SendAsync(new Call { Type = Call.Types.Type.Message, Message = new Call.Types.Message { ExecutorId = executorId, AgentId = agentId, Data = data } }, cancellationToken);

    public Task RequestResourcesAsync(IEnumerable<Request> requests, CancellationToken cancellationToken = default)
    {
        var request = new Call.Types.Request();
        request.Requests.AddRange(requests);
        return SendAsync(new Call { Type = Call.Types.Type.Request, Request = request }, cancellationToken);
    }

    public Task AcceptInverseOffersAsync(IEnumerable<OfferID> inverseOfferIds, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var accept = new Call.Types.AcceptInverseOffers { Filters = filters };
        accept.InverseOfferIds.AddRange(inverseOfferIds);
        return SendAsync(new Call { Type = Call.Types.Type.AcceptInverseOffers, AcceptInverseOffers = accept }, cancellationToken);
    }

    public Task DeclineInverseOffersAsync(IEnumerable<OfferID> inverseOfferIds, Filters? filters = null, CancellationToken cancellationToken = default)
    {
        var decline = new Call.Types.DeclineInverseOffers { Filters = filters };
        decline.InverseOfferIds.AddRange(inverseOfferIds);
        return SendAsync(new Call { Type = Call.Types.Type.DeclineInverseOffers, DeclineInverseOffers = decline }, cancellationToken);
    }

    public Task UpdateFrameworkAsync(FrameworkInfo frameworkInfo, IEnumerable<string>? suppressedRoles = null, OfferConstraints? offerConstraints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameworkInfo);
        var info = frameworkInfo.Clone();
        info.Id = FrameworkId ?? throw new MesosNotSubscribedException(CallNames.Of(Call.Types.Type.UpdateFramework));
        var update = new Call.Types.UpdateFramework { FrameworkInfo = info, OfferConstraints = offerConstraints };
        update.SuppressedRoles.AddRange(suppressedRoles ?? []);
        return SendAsync(new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = update }, cancellationToken);
    }

    public Task TeardownAsync(CancellationToken cancellationToken = default)
        => SendAsync(new Call { Type = Call.Types.Type.Teardown }, cancellationToken);

    private Task SendAsync(Call call, CancellationToken cancellationToken)
        => IsSubscribed ? _calls.EnqueueAsync(call, cancellationToken) : Task.FromException(new MesosNotSubscribedException(CallNames.Of(call.Type)));

    // Runs on the call queue: the stream ID is the one live when the call's turn comes.
    private async Task SendNowAsync(Call call, CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _session);
        if (session is not { Live: true } || FrameworkId is not { } frameworkId)
        {
            throw new MesosNotSubscribedException(CallNames.Of(call.Type));
        }

        call.FrameworkId = frameworkId;
        try
        {
            await _connection.SendAsync(call, session.StreamId, cancellationToken).ConfigureAwait(false);
            _metrics.Calls.Add(1, new KeyValuePair<string, object?>("type", CallNames.Of(call.Type)), new KeyValuePair<string, object?>("outcome", "accepted"));
        }
        catch (Exception)
        {
            _metrics.Calls.Add(1, new KeyValuePair<string, object?>("type", CallNames.Of(call.Type)), new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }
}
