namespace Mesos.Hosting.Scheduler;

/// <summary>The FrameworkInfo the scheduler subscribes with (<c>Mesos:Scheduler:Framework</c>).</summary>
public sealed class MesosFrameworkOptions
{
    /// <summary>The framework's name in Mesos's UI. Required.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The Unix user tasks run as; the HTTP API does not fill it in. Defaults to the current user.</summary>
    public string User { get; set; } = Environment.UserName;

    /// <summary>Roles to subscribe with; needs the MULTI_ROLE capability.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The single role of a framework without MULTI_ROLE (Mesos's deprecated <c>role</c>); <c>*</c> when unset.</summary>
    public string? Role { get; set; }

    /// <summary>
    /// How long the master keeps the framework's tasks after its scheduler disconnects. Mesos's own
    /// default of zero kills every task on the first network blip; this SDK's is a week.
    /// </summary>
    public TimeSpan FailoverTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Whether agents checkpoint this framework's tasks so that they survive agent restarts.</summary>
    public bool Checkpoint { get; set; }

    /// <summary>The hostname shown in Mesos's UI.</summary>
    public string? Hostname { get; set; }

    /// <summary>The framework's own web UI, linked from Mesos's.</summary>
    public string? WebUiUrl { get; set; }

    /// <summary>Capabilities by Mesos name: MULTI_ROLE, PARTITION_AWARE, TASK_KILLING_STATE, REVOCABLE_RESOURCES, GPU_RESOURCES, SHARED_RESOURCES, RESERVATION_REFINEMENT, REGION_AWARE.</summary>
    public List<string> Capabilities { get; set; } = [];

    /// <summary>Free-form labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];
}
