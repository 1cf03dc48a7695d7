using System.Globalization;
using Mesos.Hosting.Wire;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// What the <c>scale</c> benchmark's scheduler is to do and what it saw: the tasks still to launch, how many run,
/// the offers it handled, and which tasks a reconciliation has answered; shared with the harness that times it.
/// </summary>
internal sealed class ScaleWorkload(int tasks)
{
    public const double TaskCpus = 0.1;
    public const double TaskMem = 16;

    private const string TaskIdPrefix = "scale-";

    // By task: an agent sends an update again until it is acknowledged, so RUNNING may come more than once for a task.
    // One bit per task, so that what the benchmark itself keeps per task is not counted as the driver's memory.
    private readonly TaskBits _running = new(tasks);
    private readonly TaskBits _reconciled = new(tasks);
    private int _runningCount;
    private int _reconciledCount;
    private long _offers;
    private long _events;
    private int _next;

    public int Tasks { get; } = tasks;

    /// <summary>Set once every task runs.</summary>
    public TaskCompletionSource AllRunning { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once every task has had a reconciliation answer since <see cref="StartReconciliation"/>.</summary>
    public TaskCompletionSource AllReconciled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the scheduler has dealt with an OFFERS event, its calls answered.</summary>
    public TaskCompletionSource FirstOffersHandled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When true, offers are declined at once with no filter, so they come straight back (offers per second).</summary>
    public bool Cycling { get; set; }

    public bool Reconciling { get; private set; }

    public long Offers => Interlocked.Read(ref _offers);

    public long Events => Interlocked.Read(ref _events);

    public int Running => Volatile.Read(ref _runningCount);

    /// <summary>The next task IDs to launch, as many as <paramref name="room"/> allows.</summary>
    public List<TaskInfo> Take(Offer offer, int room)
    {
        var tasks = new List<TaskInfo>();
        while (tasks.Count < room)
        {
            var index = Interlocked.Increment(ref _next) - 1;
            if (index >= Tasks)
            {
                break;
            }

            var task = new TaskInfo { Name = "scale", TaskId = MesosId.Of<TaskID>($"{TaskIdPrefix}{index:D6}"), AgentId = offer.AgentId, Command = new CommandInfo { Value = "true" } };
            task.Resources.Add(Scalar("cpus", TaskCpus, offer.AllocationInfo.Role));
            task.Resources.Add(Scalar("mem", TaskMem, offer.AllocationInfo.Role));
            tasks.Add(task);
        }

        return tasks;
    }

    public void OffersSeen(int count)
    {
        Interlocked.Add(ref _offers, count);
        Interlocked.Increment(ref _events);
    }

    public void Update(TaskStatus status)
    {
        Interlocked.Increment(ref _events);
        if (Reconciling && status.Reason == TaskStatus.Types.Reason.Reconciliation)
        {
            if (_reconciled.Set(Index(status)) && Interlocked.Increment(ref _reconciledCount) == Tasks)
            {
                AllReconciled.TrySetResult();
            }
        }
        else if (status.State == TaskState.TaskRunning && _running.Set(Index(status)) && Interlocked.Increment(ref _runningCount) == Tasks)
        {
            AllRunning.TrySetResult();
        }
    }

    public void StartReconciliation()
    {
        _reconciled.Clear();
        Volatile.Write(ref _reconciledCount, 0);
        Reconciling = true;
    }

    private static int Index(TaskStatus status)
        => int.Parse(status.TaskId.Value.AsSpan(TaskIdPrefix.Length), CultureInfo.InvariantCulture);

    private static Resource Scalar(string name, double value, string role) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
    };
}
