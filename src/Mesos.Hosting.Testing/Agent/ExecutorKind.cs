namespace Mesos.Hosting.Testing.Agent;

/// <summary>Who runs an executor's tasks.</summary>
internal enum ExecutorKind
{
    /// <summary>A framework's own executor process, speaking the executor API to the agent.</summary>
    Custom,

    /// <summary>The agent itself, for one command task (Mesos's command executor; executor ID = task ID).</summary>
    Command,

    /// <summary>The agent itself, for the tasks of a LAUNCH_GROUP with a DEFAULT executor.</summary>
    Default,
}
