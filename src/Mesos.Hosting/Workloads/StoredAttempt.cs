namespace Mesos.Hosting.Workloads;

/// <summary>One attempt at running a piece of work, as stored: its Mesos task ID, its work and the workloads' encoding of it.</summary>
/// <param name="TaskId">The attempt's task ID, unique in the store.</param>
/// <param name="WorkId">The <see cref="StoredWork.Id"/> it belongs to: removing that work removes the attempt.</param>
/// <param name="Data">Opaque to the store.</param>
public sealed record StoredAttempt(string TaskId, string WorkId, ReadOnlyMemory<byte> Data);
