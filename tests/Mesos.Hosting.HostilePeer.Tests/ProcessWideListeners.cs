namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// Tests that listen to every Mesos.Hosting span or instrument in the process: they run alone, so that no other
/// test's telemetry mixes into theirs.
/// </summary>
[CollectionDefinition(nameof(ProcessWideListeners), DisableParallelization = true)]
public sealed class ProcessWideListeners;
