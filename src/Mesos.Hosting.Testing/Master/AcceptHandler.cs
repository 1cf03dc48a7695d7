using Mesos.Hosting.Testing.Resources;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>ACCEPT: offers checked as Mesos checks them, then each operation in order.</summary>
internal sealed class AcceptHandler(MasterState state, SchedulerEvents events, OfferAllocator allocator, OperatorSubscribers operators)
{
    public void Accept(FrameworkRecord framework, Call.Types.Accept accept)
    {
        var now = state.Time.GetUtcNow();
        var offers = new List<OfferRecord>();
        var offerError = ValidateOffers(framework, accept.OfferIds, offers);
        foreach (var offer in offers)
        {
            OfferAllocator.RemoveOffer(offer);
        }

        if (offerError is not null)
        {
            RefuseOperations(framework, accept.Operations, offerError);
            return;
        }

        var agent = offers[0].Agent;
        var role = offers[0].Role;
        var available = new ResourceBag();
        foreach (var offer in offers)
        {
            available.Add(offer.Resources);
        }

        var launch = new AcceptContext(framework, agent, available);
        foreach (var operation in accept.Operations)
        {
            switch (operation.Type)
            {
                case Offer.Types.Operation.Types.Type.Launch when operation.Launch is { } payload:
                    foreach (var task in payload.TaskInfos)
                    {
                        var error = operation.Id is null ? null : "Operation feedback is not supported for LAUNCH operations";
                        LaunchTask(launch, task, error);
                    }

                    break;
                case Offer.Types.Operation.Types.Type.LaunchGroup when operation.LaunchGroup is { } group:
                    LaunchGroup(launch, group, operation.Id is null ? null : "Operation feedback is not supported for LAUNCH_GROUP operations");
                    break;
                default:
                    if (operation.Id is { } operationId)
                    {
                        events.SendOperationStatus(framework, operationId, OperationState.OperationError, agent.Id,
                            $"The local cluster does not perform {operation.Type} operations");
                    }

                    break;
            }
        }

        // Whatever the operations left unused is declined with this call's filters, and offered again at the next
        // allocation cycle.
        allocator.AddFilter(framework, agent.Id, role, available, accept.Filters, now);
    }

    private static string? ValidateOffers(FrameworkRecord framework, Google.Protobuf.Collections.RepeatedField<OfferID> offerIds, List<OfferRecord> offers)
    {
        string? error = offerIds.Count == 0 ? "No offers specified" : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var offerId in offerIds)
        {
            if (!seen.Add(offerId.Value))
            {
                error ??= $"Duplicate offer {offerId.Value} in offer list";
            }
            else if (framework.Offers.TryGetValue(offerId.Value, out var offer))
            {
                offers.Add(offer);
            }
            else
            {
                error ??= $"Offer {offerId.Value} is no longer valid";
            }
        }

        if (offers.Select(o => o.Agent).Distinct().Count() > 1)
        {
            error ??= "Aggregated offers must belong to one single agent";
        }

        if (offers.Select(o => o.Role).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            error ??= "Aggregated offers must be allocated to the same role";
        }

        return error;
    }

    private void RefuseOperations(FrameworkRecord framework, IEnumerable<Offer.Types.Operation> operations, string offerError)
    {
        var dropped = MasterStatus.Lost(framework, TaskState.TaskDropped);
        foreach (var operation in operations)
        {
            var tasks = operation.Launch?.TaskInfos.AsEnumerable() ?? operation.LaunchGroup?.TaskGroup.Tasks ?? [];
            foreach (var task in tasks)
            {
                events.SendUpdate(framework, MasterStatus.Create(task.TaskId, dropped, TaskStatus.Types.Reason.InvalidOffers,
                    "Task launched with invalid offers: " + offerError, state.Time.GetUtcNow(), task.AgentId));
            }

            if (operation.Id is { } operationId && operation.Launch is null && operation.LaunchGroup is null)
            {
                events.SendOperationStatus(framework, operationId, OperationState.OperationError, null, "Operation attempted with invalid offers: " + offerError);
            }
        }
    }

    private void LaunchTask(AcceptContext launch, TaskInfo task, string? operationError)
    {
        var error = TaskValidator.ValidateLaunch(task, launch.Agent.Id, launch.Framework.Tasks.ContainsKey, out var resources);
        error = operationError ?? error ?? Reserve(launch, task.Executor, resources);
        if (error is not null)
        {
            events.SendUpdate(launch.Framework, MasterStatus.Create(task.TaskId, TaskState.TaskError, TaskStatus.Types.Reason.TaskInvalid, error, state.Time.GetUtcNow(), task.AgentId));
            return;
        }

        var executor = task.Executor is null ? null : WithFramework(task.Executor, launch.Framework);
        var record = Track(launch, task, executor?.ExecutorId.Value, resources);
        launch.Agent.LaunchTask(launch.Framework.Info, executor, record.Info);
    }

    private void LaunchGroup(AcceptContext launch, Offer.Types.Operation.Types.LaunchGroup group, string? operationError)
    {
        var executor = WithFramework(group.Executor, launch.Framework);
        var error = operationError;
        var resources = new List<ResourceBag>();
        // The group's tasks are tracked only once all of them passed, so its own IDs are checked apart.
        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in group.TaskGroup.Tasks)
        {
            if (error is not null)
            {
                break;
            }

            if (TaskValidator.ValidateTask(task, launch.Agent.Id, id => groupIds.Contains(id) || launch.Framework.Tasks.ContainsKey(id), out var taskResources) is { } taskError)
            {
                error = $"Task '{task.TaskId.Value}' is invalid: {taskError}";
            }

            groupIds.Add(task.TaskId.Value);
            resources.Add(taskResources);
        }

        // As the framework sent it: Mesos takes an executor without a type as CUSTOM in a LAUNCH only.
        error ??= TaskValidator.ValidateGroupExecutor(group.Executor, group.TaskGroup.Tasks, e => WithFramework(e, launch.Framework).Equals(executor));
        if (executor.Type == ExecutorInfo.Types.Type.Default && group.TaskGroup.Tasks.FirstOrDefault(t => t.Command is null) is { } commandless)
        {
            error ??= $"Task {commandless.TaskId.Value} runs under the default executor but has no command";
        }

        var total = new ResourceBag();
        resources.ForEach(total.Add);
        error ??= group.TaskGroup.Tasks.Count == 0 ? "Task group is empty" : Reserve(launch, executor, total);
        if (error is not null)
        {
            foreach (var task in group.TaskGroup.Tasks)
            {
                events.SendUpdate(launch.Framework, MasterStatus.Create(task.TaskId, TaskState.TaskError, TaskStatus.Types.Reason.TaskGroupInvalid, error, state.Time.GetUtcNow(), task.AgentId));
            }

            return;
        }

        var tasks = group.TaskGroup.Tasks.Select((task, i) => Track(launch, task, executor.ExecutorId.Value, resources[i]).Info).ToList();
        launch.Agent.LaunchGroup(launch.Framework.Info, executor, tasks);
    }

    // Takes the task's resources, and a new executor's, out of what the offers hold.
    private string? Reserve(AcceptContext launch, ExecutorInfo? executor, ResourceBag taskResources)
    {
        var needed = taskResources.Clone();
        if (executor is not null)
        {
            var known = state.FindExecutor(launch.Agent.Id, launch.Framework.Id, executor.ExecutorId.Value)
                ?? launch.NewExecutors.GetValueOrDefault(executor.ExecutorId.Value);
            var withFramework = WithFramework(executor, launch.Framework);
            if (known is not null && !known.Equals(withFramework))
            {
                return $"ExecutorInfo is not compatible with existing ExecutorInfo for executor {executor.ExecutorId.Value}";
            }

            if (known is null)
            {
                needed.Add(ResourceBag.From(executor.Resources));
            }
        }

        if (!launch.Available.Contains(needed))
        {
            return $"Task uses more resources {needed} than available {launch.Available}";
        }

        launch.Available.Subtract(needed);
        state.Used(launch.Agent.Id).Add(needed);
        if (executor is not null && state.FindExecutor(launch.Agent.Id, launch.Framework.Id, executor.ExecutorId.Value) is null)
        {
            var info = WithFramework(executor, launch.Framework);
            launch.NewExecutors[executor.ExecutorId.Value] = info;
            state.AddExecutor(launch.Agent.Id, launch.Framework.Id, info, ResourceBag.From(executor.Resources));
        }

        return null;
    }

    private TaskRecord Track(AcceptContext launch, TaskInfo task, string? executorId, ResourceBag resources)
    {
        var record = new TaskRecord(task.Clone(), launch.Framework.Id, launch.Agent.Id, executorId, resources);
        launch.Framework.Tasks[record.Id] = record;
        operators.TaskAdded(record, launch.Framework);
        state.Journal.RecordTaskState(record.Id, TaskState.TaskStaging);
        return record;
    }

    private static ExecutorInfo WithFramework(ExecutorInfo executor, FrameworkRecord framework)
    {
        var copy = executor.Clone();
        copy.FrameworkId ??= framework.Info.Id;
        if (copy.Type == ExecutorInfo.Types.Type.Unknown)
        {
            copy.Type = ExecutorInfo.Types.Type.Custom;
        }

        return copy;
    }
}
