namespace Mesos.Hosting.Workloads;

/// <summary>Where an attempt is in its life, as the workloads track it.</summary>
internal enum AttemptPhase
{
    /// <summary>Stored, and its ACCEPT sent or about to be: Mesos may not know it yet.</summary>
    Launching,

    /// <summary>Mesos reported it staging or starting.</summary>
    Starting,

    /// <summary>Mesos reported it running.</summary>
    Running,

    /// <summary>Its agent is unreachable: the task may come back, so it holds its place until Mesos says it ended.</summary>
    Unreachable,

    /// <summary>Terminal.</summary>
    Ended,
}
