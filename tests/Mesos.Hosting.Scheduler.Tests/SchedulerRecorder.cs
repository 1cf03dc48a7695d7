using System.Collections.Concurrent;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>What the test scheduler saw and did, shared across its per-event scopes.</summary>
internal sealed class SchedulerRecorder
{
    private readonly ConcurrentQueue<string> _work = new();
    private readonly ConcurrentDictionary<string, TaskState> _final = new(StringComparer.Ordinal);

    public SchedulerRecorder(int tasks, string command = "true")
    {
        Command = command;
        for (var i = 0; i < tasks; i++)
        {
            _work.Enqueue($"task-{i:D4}");
        }

        Total = tasks;
    }

    public int Total { get; }

    public string Command { get; }

    public ConcurrentQueue<string> Work => _work;

    /// <summary>Tasks whose launch may or may not have reached the master (task ID → agent), until a status says which.</summary>
    public ConcurrentDictionary<string, AgentID> InDoubt { get; } = new(StringComparer.Ordinal);

    /// <summary>uuid (base64) → when the status update callback returned successfully.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Handled { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public int Registered;
    public int Reregistered;
    public int Disconnected;
    public int Errors;
    public string? LastError;
    public int OffersSeen;

    /// <summary>Updates whose first delivery the callback should fail (task IDs), to prove redelivery.</summary>
    public ConcurrentDictionary<string, int> FailFirstDelivery { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, resource offers are left alone (to prove they are declined for the callback).</summary>
    public bool IgnoreOffers { get; set; }

    /// <summary>How long the resource offers callback takes (to prove a slow callback cannot trip the watchdog).</summary>
    public TimeSpan OfferCallbackDuration { get; set; }

    public IReadOnlyDictionary<string, TaskState> Final => _final;

    /// <summary>Every callback, by name, as it returns: what tests wait on.</summary>
    public Observed<string> Seen { get; } = new();

    /// <summary>Waits, woken by each callback, until <paramref name="condition"/> holds.</summary>
    public Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
        => Seen.WaitAsync(_ => condition(), timeout ?? TimeSpan.FromSeconds(90), what);

    public TaskCompletionSource AllFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Record(TaskStatus status, DateTimeOffset now)
    {
        if (status.HasUuid)
        {
            // The first successful handling counts: a redelivery after the acknowledgement handles it again later.
            Handled.TryAdd(status.Uuid.ToBase64(), now);
        }

        if (MesosTaskStates.IsTerminal(status.State))
        {
            _final[WorkItem(status.TaskId.Value)] = status.State;
            if (_final.Count == Total)
            {
                AllFinished.TrySetResult();
            }
        }

        Seen.Add("update");
    }

    public static string Key(ByteString uuid) => uuid.ToBase64();

    /// <summary>A new task ID for the same work item (IDs are not reused).</summary>
    public static string Relaunch(string taskId) => taskId + "+";

    /// <summary>The work item a task ID stands for.</summary>
    public static string WorkItem(string taskId) => taskId.TrimEnd('+');
}
