using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>The <see cref="TaskInfo"/> of a placed request: its template with ID, name, agent and the carved resources.</summary>
internal static class TaskBuilder
{
    /// <summary>
    /// The task, its resources still to be added; with its executor, named as Mesos must see it: resources emptied
    /// when <paramref name="chargeExecutor"/> (the matcher carves them); else as <paramref name="startedHere"/>, the
    /// task of this match that starts it names it; else as given, allocated to <paramref name="role"/>.
    /// </summary>
    public static TaskInfo Build(TaskRequest request, AgentID agent, bool chargeExecutor, string? role, ExecutorInfo? startedHere)
    {
        var task = request.Task?.Clone() ?? new TaskInfo();
        task.TaskId = new TaskID { Value = request.Id };
        task.Name = request.Name ?? (string.IsNullOrEmpty(task.Name) ? request.Id : task.Name);
        task.AgentId = agent.Clone();
        task.Resources.Clear();
        if (request.Executor is not null)
        {
            task.Executor = (startedHere ?? request.Executor).Clone();
            if (chargeExecutor)
            {
                task.Executor.Resources.Clear();
            }
            else if (startedHere is null)
            {
                AllocateTo(task.Executor.Resources, role);
            }
        }

        return task;
    }

    // What the master does to the operations of a framework without MULTI_ROLE, and what carving unreserved
    // resources gives: the executor then matches the ExecutorInfo it was started with.
    private static void AllocateTo(IEnumerable<Resource> resources, string? role)
    {
        if (role is null)
        {
            return;
        }

        foreach (var resource in resources.Where(r => r.AllocationInfo is null))
        {
            resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
        }
    }

    private static bool IsAmount(double value) => double.IsFinite(value) && value >= 0;

    /// <summary>Throws, naming the request, for what no offer could ever launch.</summary>
    public static void Check(IReadOnlyList<TaskRequest> requests)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            ArgumentNullException.ThrowIfNull(request, nameof(requests));
            if (string.IsNullOrEmpty(request.Id) || !ids.Add(request.Id))
            {
                throw new ArgumentException($"Task request '{request.Id}': every request needs an ID of its own.", nameof(requests));
            }

            if (MesosId.Validate(request.Id) is { } refusal)
            {
                throw new ArgumentException($"Task request '{request.Id}': Mesos refuses its ID as a task ID: {refusal}.", nameof(requests));
            }

            if (request.Executor?.ExecutorId?.Value is { } executorId && MesosId.Validate(executorId) is { } executorRefusal)
            {
                throw new ArgumentException($"Task request '{request.Id}': Mesos refuses its executor's ID: {executorRefusal}.", nameof(requests));
            }

            if (request.Task is null && request.Executor is null)
            {
                throw new ArgumentException($"Task request '{request.Id}' has neither a task to launch (Task) nor an executor.", nameof(requests));
            }

            if (!IsAmount(request.Cpus) || !IsAmount(request.Mem) || !IsAmount(request.Disk) || !IsAmount(request.Gpus) || request.Ports < 0)
            {
                throw new ArgumentException($"Task request '{request.Id}' asks for a negative or non-finite amount.", nameof(requests));
            }

            if (request.Constraints is null)
            {
                throw new ArgumentException($"Task request '{request.Id}' has null constraints.", nameof(requests));
            }
        }
    }
}
