using Mesos.V1;

/// <summary>
/// The run's work and what became of it, in a folder every instance of the framework shares: one file per task
/// launched, one per task ended. A new leader reads it to go on where the last one stopped. A marker is written
/// before the master is told (launch) or before the update is acknowledged (end), so a kill between the two only
/// ever repeats a step the master de-duplicates.
/// </summary>
internal sealed class TaskLedger
{
    private readonly string _launched;
    private readonly string _ended;

    public TaskLedger(string folder, int tasks)
    {
        _launched = Directory.CreateDirectory(Path.Combine(folder, "launched")).FullName;
        _ended = Directory.CreateDirectory(Path.Combine(folder, "ended")).FullName;
        Ids = Enumerable.Range(0, tasks).Select(i => $"task-{i:D4}").ToList();
    }

    public IReadOnlyList<string> Ids { get; }

    public bool IsLaunched(string id) => File.Exists(Path.Combine(_launched, id));

    public bool HasEnded(string id) => File.Exists(Path.Combine(_ended, id));

    public void Launched(string id) => File.WriteAllText(Path.Combine(_launched, id), string.Empty);

    public void Ended(string id, TaskState state) => File.WriteAllText(Path.Combine(_ended, id), state.ToString());

    /// <summary>Forgets a launch the master never saw (it answered the reconciliation that it does not know the task).</summary>
    public void Unlaunched(string id) => File.Delete(Path.Combine(_launched, id));
}
