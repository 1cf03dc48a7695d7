using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>One attempt, as tracked and as stored: written with its agent before the ACCEPT that launches it.</summary>
internal sealed class Attempt
{
    public string TaskId { get; set; } = string.Empty;

    public string WorkKey { get; set; } = string.Empty;

    public int Number { get; set; }

    public int Slot { get; set; }

    public int SpecVersion { get; set; }

    public AttemptPhase Phase { get; set; }

    public TaskState? State { get; set; }

    public TaskStatus.Types.Reason? Reason { get; set; }

    public string? Message { get; set; }

    public string AgentId { get; set; } = string.Empty;

    /// <summary>The agent's hostname, attributes and domain (AgentInfo bytes), for the constraints of later matches.</summary>
    public byte[] Agent { get; set; } = [];

    public DateTimeOffset LaunchedAt { get; set; }

    public DateTimeOffset? RunningAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public bool Counted { get; set; }

    public KillIntent Kill { get; set; }

    public bool IsLive => Phase != AttemptPhase.Ended;

    public WorkloadAttempt ToPublic() => new(Number, TaskId, AgentId, State, Reason, Message, LaunchedAt, EndedAt, Counted);
}
