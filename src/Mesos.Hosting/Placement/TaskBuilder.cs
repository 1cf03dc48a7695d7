using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>The <see cref="TaskInfo"/> of a placed request: its template with ID, name, agent and the carved resources.</summary>
internal static class TaskBuilder
{
    public static TaskInfo Build(TaskRequest request, AgentID agent, List<Resource> resources, List<Resource>? executorResources)
    {
        var task = request.Task?.Clone() ?? new TaskInfo();
        task.TaskId = new TaskID { Value = request.Id };
        task.Name = request.Name ?? (string.IsNullOrEmpty(task.Name) ? request.Id : task.Name);
        task.AgentId = agent.Clone();
        task.Resources.Clear();
        task.Resources.Add(resources);
        if (request.Executor is not null)
        {
            var executor = request.Executor.Clone();
            if (executorResources is not null)
            {
                executor.Resources.Clear();
                executor.Resources.Add(executorResources);
            }

            task.Executor = executor;
        }

        return task;
    }

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

            if (request.Task is null && request.Executor is null)
            {
                throw new ArgumentException($"Task request '{request.Id}' has neither a task to launch (Task) nor an executor.", nameof(requests));
            }

            double[] amounts = [request.Cpus, request.Mem, request.Disk, request.Gpus];
            if (amounts.Any(a => !double.IsFinite(a) || a < 0) || request.Ports < 0)
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
