using Mesos.V1;
using Mesos.V1.Maintenance;
using Mesos.V1.Master;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The Mesos v1 operator API of the leading master (<c>/api/v1</c>): the cluster's state, maintenance, agent
/// draining, framework teardown, and the master's event stream. Calls go to the leader, following redirects; those
/// that only read are sent again, to the next master, when a master cannot serve them. Each throws
/// <see cref="MesosCallException"/> when Mesos refuses it (400, 401, 403), <see cref="MesosUnavailableException"/>
/// when no master could serve it, and <see cref="MesosProtocolException"/> when the answer is not the protocol.
/// </summary>
public interface IMesosOperator
{
    /// <summary>GET_HEALTH: whether the master thinks itself healthy.</summary>
    Task<Response.Types.GetHealth> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_FLAGS: the master's command-line flags.</summary>
    Task<Response.Types.GetFlags> GetFlagsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_VERSION: the master's version and build.</summary>
    Task<Response.Types.GetVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_METRICS: a snapshot of the master's metrics; those not gathered within <paramref name="timeout"/> are left out.</summary>
    Task<Response.Types.GetMetrics> GetMetricsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>GET_LOGGING_LEVEL: the master's glog verbosity.</summary>
    Task<Response.Types.GetLoggingLevel> GetLoggingLevelAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_STATE: tasks, executors, frameworks and agents, all at once.</summary>
    Task<Response.Types.GetState> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_AGENTS: the registered agents, and those recovered from the registry but not yet back.</summary>
    Task<Response.Types.GetAgents> GetAgentsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_FRAMEWORKS: subscribed (or failing over) and completed frameworks.</summary>
    Task<Response.Types.GetFrameworks> GetFrameworksAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_EXECUTORS: the executors the master knows of, with their agents.</summary>
    Task<Response.Types.GetExecutors> GetExecutorsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_TASKS: pending, active, unreachable and completed tasks.</summary>
    Task<Response.Types.GetTasks> GetTasksAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_ROLES: the known roles, with their weights and frameworks.</summary>
    Task<Response.Types.GetRoles> GetRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_OPERATIONS: the offer operations (reservations, volumes) the master knows of.</summary>
    Task<Response.Types.GetOperations> GetOperationsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_MAINTENANCE_STATUS: machines draining (with the frameworks' answers) and down.</summary>
    Task<Response.Types.GetMaintenanceStatus> GetMaintenanceStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_MAINTENANCE_SCHEDULE: the maintenance windows planned.</summary>
    Task<Response.Types.GetMaintenanceSchedule> GetMaintenanceScheduleAsync(CancellationToken cancellationToken = default);

    /// <summary>UPDATE_MAINTENANCE_SCHEDULE: replaces the schedule; machines newly in it start DRAINING.</summary>
    Task UpdateMaintenanceScheduleAsync(Schedule schedule, CancellationToken cancellationToken = default);

    /// <summary>START_MAINTENANCE: takes DRAINING machines DOWN; their agents are shut down.</summary>
    Task StartMaintenanceAsync(IEnumerable<MachineID> machines, CancellationToken cancellationToken = default);

    /// <summary>STOP_MAINTENANCE: brings DOWN machines back UP and out of the schedule.</summary>
    Task StopMaintenanceAsync(IEnumerable<MachineID> machines, CancellationToken cancellationToken = default);

    /// <summary>
    /// DRAIN_AGENT: no more offers for the agent, and its tasks are killed, each within its kill policy's grace
    /// period or <paramref name="maxGracePeriod"/>, whichever is shorter. With <paramref name="markGone"/>, the
    /// agent is removed for good once drained.
    /// </summary>
    Task DrainAgentAsync(AgentID agentId, TimeSpan? maxGracePeriod = null, bool markGone = false, CancellationToken cancellationToken = default);

    /// <summary>DEACTIVATE_AGENT: no more offers for the agent; its tasks keep running.</summary>
    Task DeactivateAgentAsync(AgentID agentId, CancellationToken cancellationToken = default);

    /// <summary>REACTIVATE_AGENT: offers again for a drained or deactivated agent.</summary>
    Task ReactivateAgentAsync(AgentID agentId, CancellationToken cancellationToken = default);

    /// <summary>MARK_AGENT_GONE: the agent is gone for good; its tasks become TASK_GONE_BY_OPERATOR.</summary>
    Task MarkAgentGoneAsync(AgentID agentId, CancellationToken cancellationToken = default);

    /// <summary>TEARDOWN: kills all the framework's tasks and executors and removes the framework for good.</summary>
    Task TeardownAsync(FrameworkID frameworkId, CancellationToken cancellationToken = default);

    /// <summary>
    /// SUBSCRIBE: the master's events, as long as the enumeration runs. Each subscription starts with SUBSCRIBED,
    /// which carries the whole state; a lost or silent stream is subscribed again, after a pause that grows while
    /// attempts keep failing, and the next SUBSCRIBED replaces what the consumer knew. HEARTBEATs are passed on;
    /// events of unknown types, or lacking the payload their type names, are logged and skipped. The enumeration
    /// ends with <see cref="MesosCallException"/> when the master refuses the subscription (401, 403).
    /// </summary>
    IAsyncEnumerable<Event> SubscribeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Any other call (SET_LOGGING_LEVEL, GET_QUOTA, RESERVE_RESOURCES ...): the master's answer, with
    /// <see cref="Response.Type"/> UNKNOWN when it answered with an empty body, as the calls that change the
    /// cluster do. Reading calls (GET_*, LIST_FILES, READ_FILE) are sent again like those above. Not for SUBSCRIBE.
    /// </summary>
    Task<Response> CallAsync(Call request, CancellationToken cancellationToken = default);

    /// <summary>The operator API of the agent at <paramref name="agent"/> (its base URL, e.g. <c>http://host:5051</c>), with these credentials.</summary>
    IMesosAgentOperator Agent(Uri agent);
}
