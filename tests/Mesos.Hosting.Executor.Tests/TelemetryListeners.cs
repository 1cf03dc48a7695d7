namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// Tests that listen to every Mesos.Hosting span and instrument in the process: they run alone, so that no other
/// test's telemetry is exported into (or changes under) theirs.
/// </summary>
[CollectionDefinition(nameof(TelemetryListeners), DisableParallelization = true)]
public sealed class TelemetryListeners;
