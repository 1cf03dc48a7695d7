using Google.Protobuf;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>How a submitted task ended: its outcome, the last attempt's status and every attempt.</summary>
/// <param name="Outcome">Succeeded or poisoned.</param>
/// <param name="State">The last attempt's terminal state.</param>
/// <param name="Reason">The last attempt's reason, if Mesos gave one.</param>
/// <param name="Message">The last attempt's message, or why the workloads ended it.</param>
/// <param name="Data">The data of the last attempt's terminal update (what the executor put there).</param>
/// <param name="Attempts">Every attempt, in order.</param>
public sealed record WorkloadResult(
    WorkloadOutcome Outcome,
    TaskState State,
    TaskStatus.Types.Reason? Reason,
    string? Message,
    ByteString Data,
    IReadOnlyList<WorkloadAttempt> Attempts)
{
    /// <summary>The attempts that count against the retry policy.</summary>
    public int CountedAttempts => Attempts.Count(a => a.Counted);
}
