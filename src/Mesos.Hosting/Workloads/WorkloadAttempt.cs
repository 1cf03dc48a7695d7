using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>One attempt at running a piece of work, as last known.</summary>
/// <param name="Number">The attempt's number within its work, from 1.</param>
/// <param name="TaskId">The attempt's own Mesos task ID.</param>
/// <param name="AgentId">The agent it was launched on.</param>
/// <param name="State">The last state Mesos reported, or null while the launch is unanswered.</param>
/// <param name="Reason">The reason of the last update, if it gave one.</param>
/// <param name="Message">The message of the last update, or why the workloads ended it (a timeout).</param>
/// <param name="LaunchedAt">When it was launched, on the workloads' clock.</param>
/// <param name="EndedAt">When it reached a terminal state, on the workloads' clock.</param>
/// <param name="Counted">Whether it counts against the retry policy's attempts (one that never started, or that the workloads killed on purpose, does not).</param>
public sealed record WorkloadAttempt(
    int Number,
    string TaskId,
    string AgentId,
    TaskState? State,
    TaskStatus.Types.Reason? Reason,
    string? Message,
    DateTimeOffset LaunchedAt,
    DateTimeOffset? EndedAt,
    bool Counted);
