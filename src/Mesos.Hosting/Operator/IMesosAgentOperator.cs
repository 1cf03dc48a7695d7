using Mesos.V1.Agent;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The Mesos v1 operator API of one agent (<c>/api/v1</c> on the agent's port, 5051 by default). Reading calls are
/// sent again when the agent cannot serve them. Each throws <see cref="MesosCallException"/> when the agent refuses
/// it, <see cref="MesosUnavailableException"/> when it cannot serve it, and <see cref="MesosProtocolException"/>
/// when the answer is not the protocol.
/// </summary>
public interface IMesosAgentOperator
{
    /// <summary>The agent's base URL.</summary>
    Uri Agent { get; }

    /// <summary>GET_HEALTH: whether the agent thinks itself healthy.</summary>
    Task<Response.Types.GetHealth> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_FLAGS: the agent's command-line flags.</summary>
    Task<Response.Types.GetFlags> GetFlagsAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_VERSION: the agent's version and build.</summary>
    Task<Response.Types.GetVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>GET_STATE: the agent's tasks, executors and frameworks.</summary>
    Task<Response.Types.GetState> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Any other call that is answered at once (GET_CONTAINERS, GET_AGENT, KILL_CONTAINER ...): the agent's answer,
    /// with <see cref="Response.Type"/> UNKNOWN when it answered with an empty body. Not for the calls that stream
    /// (LAUNCH_NESTED_CONTAINER_SESSION, ATTACH_CONTAINER_INPUT, ATTACH_CONTAINER_OUTPUT).
    /// </summary>
    Task<Response> CallAsync(Call request, CancellationToken cancellationToken = default);
}
