using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>
/// Whether every workload ran to the end exactly once, read from the master's side alone (the local cluster's
/// journal), whatever the scheduler processes believed: attempt task IDs are <c>{workload}.attempt-{N}.{hex}</c>.
/// </summary>
internal static class ExactlyOnce
{
    /// <summary>How many task IDs the master took in an ACCEPT (202).</summary>
    public static int Launched(ClusterJournal journal) => Recovery.Launches(journal).Count;

    public static void Assert(ClusterJournal journal, IReadOnlyList<string> workloads)
    {
        var launches = Recovery.Launches(journal);
        var twice = launches.Where(l => l.Value > 1).Select(l => $"{l.Key} ({l.Value} times)").ToList();
        Xunit.Assert.True(twice.Count == 0, $"task IDs launched more than once: {string.Join(", ", twice)}");

        var attempts = launches.Keys.GroupBy(WorkloadOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Xunit.Assert.Equal(workloads.Order(StringComparer.Ordinal), attempts.Keys.Order(StringComparer.Ordinal));
        foreach (var workload in workloads)
        {
            var finished = attempts[workload].Where(t => journal.TaskStates(t).Contains(TaskState.TaskFinished)).ToList();
            Xunit.Assert.True(finished.Count == 1, $"{workload} finished {finished.Count} times: {Describe(journal, attempts[workload])}");
        }

        // Attempts stored but killed before their ACCEPT are answered "unknown" (TASK_LOST) and replaced: not lost work.
        // Nor is a TASK_LOST that answers a reconciliation about a task that already ended: the master forgets a task
        // once its terminal update is acknowledged, so a RECONCILE that reaches it after the acknowledgement is answered
        // "unknown" for a task that in truth finished. A restarted scheduler asks about the tasks whose end it had not
        // stored while their updates come again, and a launch whose ACCEPT answer was lost is asked about at once.
        var terminals = TerminalUpdates(journal);
        var lost = launches.Keys
            .Select(t => (Task: t, Loss: terminals.TryGetValue(t, out var updates) ? LossIn(updates) : null))
            .Where(l => l.Loss is not null)
            .Select(l => $"{l.Task}: {string.Join("/", journal.TaskStates(l.Task))}, lost with {l.Loss!.Reason}: {l.Loss.Message}")
            .ToList();
        Xunit.Assert.True(lost.Count == 0, $"launched tasks lost: {string.Join("; ", lost)}");
        AssertNoOverlap(journal, attempts, terminals);
    }

    // The loss among a task's terminal updates: the master's first word of its end was TASK_LOST, or a later TASK_LOST
    // was not a reconciliation answer. Null if there is none.
    private static Mesos.V1.TaskStatus? LossIn(List<ObservedSchedulerEvent> updates) => updates
        .Select(e => e.Event.Update.Status)
        .Where((status, i) => status.State == TaskState.TaskLost && (i == 0 || status.Reason != Mesos.V1.TaskStatus.Types.Reason.Reconciliation))
        .FirstOrDefault();

    // The terminal updates the master sent about each task, in the order it sent them.
    private static Dictionary<string, List<ObservedSchedulerEvent>> TerminalUpdates(ClusterJournal journal) => journal.SchedulerEvents
        .Where(e => e.Event.Type == Event.Types.Type.Update && IsTerminal(e.Event.Update.Status.State))
        .GroupBy(e => e.Event.Update.Status.TaskId.Value, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    // An attempt runs from the master's answer to its ACCEPT until the master sends its first terminal update: the
    // next attempt of the same workload must not be accepted before that.
    private static void AssertNoOverlap(ClusterJournal journal, Dictionary<string, List<string>> attempts, Dictionary<string, List<ObservedSchedulerEvent>> terminals)
    {
        var accepted = journal.SchedulerCalls
            .Where(c => c.Call.Type == Call.Types.Type.Accept && c.StatusCode == 202)
            .SelectMany(c => c.Call.Accept.Operations.SelectMany(o => o.Launch?.TaskInfos ?? []).Select(t => (Task: t.TaskId.Value, c.At)))
            .ToDictionary(l => l.Task, l => l.At, StringComparer.Ordinal);
        var ended = terminals.ToDictionary(t => t.Key, t => t.Value.Min(e => e.At), StringComparer.Ordinal);
        foreach (var (workload, tasks) in attempts)
        {
            var spans = tasks.Select(t => (Task: t, Start: accepted[t], End: ended.GetValueOrDefault(t, DateTimeOffset.MaxValue))).OrderBy(s => s.Start).ToList();
            for (var i = 1; i < spans.Count; i++)
            {
                Xunit.Assert.True(spans[i - 1].End <= spans[i].Start, $"{workload}: {spans[i].Task} was accepted at {spans[i].Start:HH:mm:ss.fff} while {spans[i - 1].Task} had not ended");
            }
        }
    }

    private static string WorkloadOf(string taskId) => taskId[..taskId.IndexOf(".attempt-", StringComparison.Ordinal)];

    private static bool IsTerminal(TaskState state) => state is TaskState.TaskFinished or TaskState.TaskFailed or TaskState.TaskKilled
        or TaskState.TaskError or TaskState.TaskLost or TaskState.TaskDropped or TaskState.TaskGone or TaskState.TaskGoneByOperator;

    private static string Describe(ClusterJournal journal, IEnumerable<string> tasks)
        => string.Join("; ", tasks.Select(t => $"{t}: {string.Join("/", journal.TaskStates(t))}"));
}
