using Mesos.V1;

namespace Mesos.Hosting.Testing.Observation;

/// <summary>
/// The states each task went through, in order and without repeats, for at most a capacity of tasks: past it, the task
/// whose history changed least recently goes first, so that a long-running task keeps its history while short ones
/// come and go around it. Not thread-safe; the journal locks around it.
/// </summary>
internal sealed class TaskHistories(int capacity)
{
    private readonly Dictionary<string, (List<TaskState> States, LinkedListNode<string> Place)> _tasks = [];

    // Task IDs, the least recently changed first.
    private readonly LinkedList<string> _byChange = new();

    /// <summary>How many tasks' histories were let go to stay within the capacity.</summary>
    public long Dropped { get; private set; }

    public int Count => _tasks.Count;

    public IEnumerable<string> Ids => _tasks.Keys;

    public IEnumerable<TaskState> LastStates => _tasks.Values.Select(t => t.States[^1]);

    public TaskState[] Of(string taskId) => _tasks.TryGetValue(taskId, out var task) ? [.. task.States] : [];

    public void Record(string taskId, TaskState state)
    {
        if (_tasks.TryGetValue(taskId, out var task))
        {
            if (task.States[^1] != state)
            {
                task.States.Add(state);
                _byChange.Remove(task.Place);
                _byChange.AddLast(task.Place);
            }

            return;
        }

        _tasks[taskId] = ([state], _byChange.AddLast(taskId));
        if (_tasks.Count > capacity)
        {
            _tasks.Remove(_byChange.First!.Value);
            _byChange.RemoveFirst();
            Dropped++;
        }
    }
}
