using Google.Protobuf.WellKnownTypes;
using Mesos.V1;
using Mesos.V1.Maintenance;
using Mesos.V1.Master;
using CallType = Mesos.V1.Master.Call.Types.Type;

namespace Mesos.Hosting.Operator;

/// <summary>The named calls of the master's operator API, each built as Mesos expects it.</summary>
internal sealed partial class MesosOperator
{
    /// <inheritdoc/>
    public Task<Response.Types.GetHealth> GetHealthAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetHealth, r => r.GetHealth, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetFlags> GetFlagsAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetFlags, r => r.GetFlags, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetVersion> GetVersionAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetVersion, r => r.GetVersion, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetMetrics> GetMetricsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var call = new Call { Type = CallType.GetMetrics, GetMetrics = new Call.Types.GetMetrics() };
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero, nameof(timeout));
            call.GetMetrics.Timeout = Nanoseconds(limit);
        }

        return ReadAsync(call, r => r.GetMetrics, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Response.Types.GetLoggingLevel> GetLoggingLevelAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetLoggingLevel, r => r.GetLoggingLevel, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetState> GetStateAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetState, r => r.GetState, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetAgents> GetAgentsAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetAgents, r => r.GetAgents, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetFrameworks> GetFrameworksAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetFrameworks, r => r.GetFrameworks, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetExecutors> GetExecutorsAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetExecutors, r => r.GetExecutors, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetTasks> GetTasksAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetTasks, r => r.GetTasks, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetRoles> GetRolesAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetRoles, r => r.GetRoles, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetOperations> GetOperationsAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetOperations, r => r.GetOperations, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetMaintenanceStatus> GetMaintenanceStatusAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetMaintenanceStatus, r => r.GetMaintenanceStatus, cancellationToken);

    /// <inheritdoc/>
    public Task<Response.Types.GetMaintenanceSchedule> GetMaintenanceScheduleAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetMaintenanceSchedule, r => r.GetMaintenanceSchedule, cancellationToken);

    /// <inheritdoc/>
    public Task UpdateMaintenanceScheduleAsync(Schedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return ChangeAsync(new Call { Type = CallType.UpdateMaintenanceSchedule, UpdateMaintenanceSchedule = new() { Schedule = schedule } }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StartMaintenanceAsync(IEnumerable<MachineID> machines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machines);
        return ChangeAsync(new Call { Type = CallType.StartMaintenance, StartMaintenance = new() { Machines = { machines } } }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopMaintenanceAsync(IEnumerable<MachineID> machines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machines);
        return ChangeAsync(new Call { Type = CallType.StopMaintenance, StopMaintenance = new() { Machines = { machines } } }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DrainAgentAsync(AgentID agentId, TimeSpan? maxGracePeriod = null, bool markGone = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        var drain = new Call.Types.DrainAgent { AgentId = agentId };
        if (maxGracePeriod is { } grace)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero, nameof(maxGracePeriod));
            drain.MaxGracePeriod = Duration.FromTimeSpan(grace);
        }

        if (markGone)
        {
            drain.MarkGone = true;
        }

        return ChangeAsync(new Call { Type = CallType.DrainAgent, DrainAgent = drain }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeactivateAgentAsync(AgentID agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        return ChangeAsync(new Call { Type = CallType.DeactivateAgent, DeactivateAgent = new() { AgentId = agentId } }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ReactivateAgentAsync(AgentID agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        return ChangeAsync(new Call { Type = CallType.ReactivateAgent, ReactivateAgent = new() { AgentId = agentId } }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task MarkAgentGoneAsync(AgentID agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        return ChangeAsync(new Call { Type = CallType.MarkAgentGone, MarkAgentGone = new() { AgentId = agentId } }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task TeardownAsync(FrameworkID frameworkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameworkId);
        return ChangeAsync(new Call { Type = CallType.Teardown, Teardown = new() { FrameworkId = frameworkId } }, cancellationToken);
    }

    private static DurationInfo Nanoseconds(TimeSpan value) => new() { Nanoseconds = value.Ticks * (1_000_000_000 / TimeSpan.TicksPerSecond) };
}
