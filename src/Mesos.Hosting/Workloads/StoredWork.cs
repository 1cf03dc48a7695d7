namespace Mesos.Hosting.Workloads;

/// <summary>A submitted task or a declared service as stored: its ID and the workloads' encoding of it.</summary>
/// <param name="Id">The work's ID, unique in the store.</param>
/// <param name="Data">Opaque to the store.</param>
public sealed record StoredWork(string Id, ReadOnlyMemory<byte> Data);
