using Mesos.Hosting.Placement;
using Mesos.Hosting.Workloads;
using Mesos.V1;
using Microsoft.Extensions.Options;

namespace MyFramework;

/// <summary>What the framework asks Mesos to run: the batch's tasks and the service's instances.</summary>
public sealed class FrameworkTasks(IOptions<WorkOptions> options)
{
    // A failed task waits 2 s, then 4 s, before its next attempt (each under a new task ID); after the third
    // failure its work ends Poisoned, and its result says how the last attempt ended.
    private static readonly RetryPolicy WorkRetry = new() { InitialDelay = TimeSpan.FromSeconds(2), BackoffCoefficient = 2, MaximumAttempts = 3 };

    // A service instance that ends is always relaunched; failing again and again, it waits longer each time, up to 1 min.
    private static readonly RetryPolicy ServiceRelaunch = new() { InitialDelay = TimeSpan.FromSeconds(1), MaximumDelay = TimeSpan.FromMinutes(1) };

    private readonly WorkOptions _work = options.Value;
#if (executor)
    private readonly ExecutorInfo _executor = FrameworkExecutor.Create(options.Value);
#endif

    /// <summary>The batch's task number <paramref name="index"/>.</summary>
    public WorkloadRequest Work(int index) => new()
    {
        Id = $"{_work.Batch}-{index}",
        Name = TaskNames.Work,
        Task = Place(TaskNames.Work),
        Retry = WorkRetry,

        // An attempt still running after this is killed, and counts as failed.
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>The service: <see cref="WorkOptions.ServiceInstances"/> copies of one long-running task.</summary>
    public ServiceSpec Service() => new()
    {
        Name = TaskNames.Service,
        Instances = _work.ServiceInstances,
        Task = Place(TaskNames.Service),
        Retry = ServiceRelaunch,
    };

    // What one task needs and runs; the workloads give each attempt its task ID and choose its agent.
    private TaskRequest Place(string name) => new()
    {
        Id = "",
        Name = name,
        Cpus = _work.TaskCpus,
        Mem = _work.TaskMem,
#if (executor)
        Executor = _executor,
#else
        Task = new TaskInfo { Command = new CommandInfo { Value = name == TaskNames.Service ? _work.ServiceCommand : _work.Command } },
#endif
    };
}
