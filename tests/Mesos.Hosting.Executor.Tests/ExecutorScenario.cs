using System.Collections.Concurrent;
using Mesos.V1;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>What a test asks of the framework (tasks and how they behave) and what the scheduler saw, awaitable.</summary>
internal sealed class ExecutorScenario
{
    private readonly ConcurrentDictionary<string, List<TaskStatus>> _updates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);

    public ExecutorScenario(params (string TaskId, string Behaviour)[] tasks)
    {
        foreach (var task in tasks)
        {
            Pending.Enqueue(task);
        }
    }

    public ConcurrentQueue<(string TaskId, string Behaviour)> Pending { get; } = new();

    /// <summary>The shell command that starts the executor: the test executor program unless a test names another.</summary>
    public string ExecutorCommand { get; init; } = TestApp.Command;

    /// <summary>Variables the executor's CommandInfo adds to its environment (settings such as Mesos__Executor__ContentType).</summary>
    public Dictionary<string, string> ExecutorEnvironment { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Messages { get; } = new();

    public ConcurrentQueue<(string ExecutorId, int? Status)> ExecutorsLost { get; } = new();

    public IReadOnlyList<TaskState> States(string taskId)
    {
        var updates = _updates.GetOrAdd(taskId, _ => []);
        lock (updates)
        {
            return updates.Select(u => u.State).ToList();
        }
    }

    public TaskStatus? Last(string taskId)
    {
        var updates = _updates.GetOrAdd(taskId, _ => []);
        lock (updates)
        {
            return updates.LastOrDefault();
        }
    }

    public void Record(TaskStatus status)
    {
        var updates = _updates.GetOrAdd(status.TaskId.Value, _ => []);
        lock (updates)
        {
            updates.Add(status);
        }

        _changed.Release();
    }

    public void Message(string text)
    {
        Messages.Enqueue(text);
        _changed.Release();
    }

    public void ExecutorLost(string executorId, int? status)
    {
        ExecutorsLost.Enqueue((executorId, status));
        _changed.Release();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking whenever the scheduler sees something.</summary>
    public async Task WaitForAsync(Func<ExecutorScenario, bool> condition, string description, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {description}; updates: {string.Join("; ", _updates.Select(u => $"{u.Key}: {string.Join(",", States(u.Key))}"))}; messages: {string.Join("; ", Messages)}");
            }
        }
    }

    public Task WaitForStateAsync(string taskId, TaskState state) => WaitForAsync(s => s.States(taskId).Contains(state), $"{taskId} to reach {state}");
}
