using System.Text.Json.Serialization;
using Mesos.Hosting.Placement;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// A submitted task or a declared service, as tracked and as stored (JSON, <see cref="WorkloadCodec"/>).
/// Changed only under the engine's gate, and stored before anything acts on the change.
/// </summary>
internal sealed class Work
{
    /// <summary>The store key: the kind and the caller's ID, so that a task and a service may share a name.</summary>
    [JsonIgnore]
    public string Key => KeyOf(Kind, Id);

    public WorkKind Kind { get; set; }

    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>What each attempt runs, detached from the caller's objects; its ID and group are set per attempt.</summary>
    public TaskRequest Spec { get; set; } = new() { Id = string.Empty };

    public RetryData Retry { get; set; } = new();

    public TimeSpan? Timeout { get; set; }

    public int Priority { get; set; }

    /// <summary>Submission order, for first-in first-out among equal priorities.</summary>
    public long Sequence { get; set; }

    /// <summary>The number the next attempt takes.</summary>
    public int NextAttempt { get; set; } = 1;

    /// <summary>A task's failed attempts that count against its policy.</summary>
    public int Failures { get; set; }

    /// <summary>When a task's next attempt may launch (its backoff).</summary>
    public DateTimeOffset? NotBefore { get; set; }

    public WorkloadOutcome? Outcome { get; set; }

    public TaskState? FinalState { get; set; }

    public TaskStatus.Types.Reason? FinalReason { get; set; }

    public string? FinalMessage { get; set; }

    public byte[]? FinalData { get; set; }

    public int Instances { get; set; }

    public TimeSpan HealthyAfter { get; set; }

    /// <summary>Bumped by every new spec: attempts of an older one are replaced.</summary>
    public int SpecVersion { get; set; }

    public bool Removing { get; set; }

    public List<ServiceSlot> Slots { get; set; } = [];

    /// <summary>Live attempts by slot (a task has the one slot 0); rebuilt from the attempts on load, never stored.</summary>
    [JsonIgnore]
    public Dictionary<int, Attempt> Live { get; } = [];

    /// <summary>Every attempt, in order; rebuilt on load.</summary>
    [JsonIgnore]
    public List<Attempt> Attempts { get; } = [];

    /// <summary>Completed with the result when a task ends; a reload carries it over to the work as loaded.</summary>
    [JsonIgnore]
    public TaskCompletionSource<WorkloadResult> Completion { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The tasks constraints count together: a service's instances, or the tasks submitted under one name.</summary>
    [JsonIgnore]
    public string Group => (IsService ? "service/" : "task/") + Name;

    [JsonIgnore]
    public bool IsService => Kind == WorkKind.Service;

    /// <summary>A copy of <paramref name="request"/> that later changes to the caller's Mesos messages do not reach.</summary>
    public static TaskRequest Detached(TaskRequest request) => request with { Task = request.Task?.Clone(), Executor = request.Executor?.Clone() };

    public static string KeyOf(WorkKind kind, string id) => (kind == WorkKind.Service ? "service/" : "task/") + id;

    /// <summary>Whether <paramref name="slot"/> needs an attempt launched at <paramref name="now"/>.</summary>
    public bool WantsLaunch(int slot, DateTimeOffset now) => NeedsAttempt(slot) && DueAt(slot) <= now;

    /// <summary>Whether <paramref name="slot"/> waits for an attempt (now or after its backoff).</summary>
    public bool NeedsAttempt(int slot) => !Live.ContainsKey(slot) && (IsService ? !Removing && slot < Instances : Outcome is null);

    /// <summary>When <paramref name="slot"/> may launch next.</summary>
    public DateTimeOffset DueAt(int slot) => (IsService ? Slots[slot].NotBefore : NotBefore) ?? DateTimeOffset.MinValue;

    /// <summary>The slots the work has: a service's instances, or a task's one.</summary>
    public int SlotCount => IsService ? Instances : 1;

    public WorkloadResult Result() => new(
        Outcome ?? WorkloadOutcome.Poisoned,
        FinalState ?? TaskState.TaskError,
        FinalReason,
        FinalMessage,
        Google.Protobuf.ByteString.CopyFrom(FinalData ?? []),
        Attempts.Select(a => a.ToPublic()).ToList());
}
