using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The operator calls the local master answers, each from its real state as Mesos's
/// <c>Master::Http</c> handlers do: a response, or a status with Mesos's message.
/// </summary>
internal sealed class OperatorCalls(LocalMaster master, int index)
{
    private readonly MasterState _state = master.State;
    private readonly MaintenanceCalls _maintenance = new(master.State);

    /// <summary>The answer to a valid call.</summary>
    public OperatorAnswer Answer(Call call)
    {
        lock (_state.Sync)
        {
            var response = new Response { Type = ResponseType(call.Type) };
            switch (call.Type)
            {
                case Call.Types.Type.GetHealth:
                    response.GetHealth = new Response.Types.GetHealth { Healthy = true };
                    break;
                case Call.Types.Type.GetVersion:
                    response.GetVersion = new Response.Types.GetVersion { VersionInfo = new Mesos.V1.VersionInfo { Version = _state.Masters[index].Version } };
                    break;
                case Call.Types.Type.GetFlags:
                    response.GetFlags = MasterFlags.Read(_state, index);
                    break;
                case Call.Types.Type.GetMetrics:
                    response.GetMetrics = new Response.Types.GetMetrics();
                    response.GetMetrics.Metrics.AddRange(MasterMetrics.Snapshot(_state, index).Select(m => new Mesos.V1.Metric { Name = m.Key, Value = m.Value }));
                    break;
                case Call.Types.Type.GetLoggingLevel:
                    // The glog verbosity (--v) a master runs with unless told otherwise.
                    response.GetLoggingLevel = new Response.Types.GetLoggingLevel { Level = 0 };
                    break;
                case Call.Types.Type.GetState:
                    response.GetState = OperatorStateViews.State(_state);
                    break;
                case Call.Types.Type.GetAgents:
                    response.GetAgents = OperatorStateViews.Agents(_state);
                    break;
                case Call.Types.Type.GetFrameworks:
                    response.GetFrameworks = OperatorStateViews.Frameworks(_state);
                    break;
                case Call.Types.Type.GetExecutors:
                    response.GetExecutors = OperatorStateViews.Executors(_state);
                    break;
                case Call.Types.Type.GetTasks:
                    response.GetTasks = OperatorStateViews.Tasks(_state);
                    break;
                case Call.Types.Type.GetRoles:
                    response.GetRoles = OperatorStateViews.Roles(_state);
                    break;
                case Call.Types.Type.GetOperations:
                    // Operations are the offer operations on resource providers; the local cluster has none.
                    response.GetOperations = new Response.Types.GetOperations();
                    break;
                case Call.Types.Type.GetMaintenanceSchedule:
                    response.GetMaintenanceSchedule = _maintenance.Schedule();
                    break;
                case Call.Types.Type.GetMaintenanceStatus:
                    response.GetMaintenanceStatus = _maintenance.Status();
                    break;
                default:
                    return Act(call);
            }

            return OperatorAnswer.Ok(response);
        }
    }

    // The calls that change the cluster, which answer 200 without a body on success.
    private OperatorAnswer Act(Call call) => call.Type switch
    {
        Call.Types.Type.UpdateMaintenanceSchedule => _maintenance.Update(call.UpdateMaintenanceSchedule.Schedule),
        Call.Types.Type.StartMaintenance => _maintenance.Start(call.StartMaintenance.Machines),
        Call.Types.Type.StopMaintenance => _maintenance.Stop(call.StopMaintenance.Machines),
        Call.Types.Type.DrainAgent => master.AgentCalls.Drain(call.DrainAgent),
        Call.Types.Type.DeactivateAgent => master.AgentCalls.Deactivate(call.DeactivateAgent),
        Call.Types.Type.ReactivateAgent => master.AgentCalls.Reactivate(call.ReactivateAgent),
        Call.Types.Type.MarkAgentGone => master.AgentCalls.MarkGone(call.MarkAgentGone),
        Call.Types.Type.Teardown => Teardown(call.Teardown.FrameworkId.Value),

        // Mesos answers UNKNOWN with an empty 501; the calls it has and the local master lacks say which they are.
        _ => OperatorAnswer.Fail(StatusCodes.Status501NotImplemented, call.Type == Call.Types.Type.Unknown ? string.Empty : $"The local master does not implement {call.Type}"),
    };

    /// <summary>Removes the framework as its own TEARDOWN would: its tasks are killed and its executors shut down.</summary>
    public OperatorAnswer Teardown(string frameworkId)
    {
        lock (_state.Sync)
        {
            if (_state.FindFramework(frameworkId) is not { } framework)
            {
                return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, "No framework found with specified ID");
            }

            master.Removal.Remove(framework);
            return OperatorAnswer.Empty;
        }
    }

    // Every call with a response shares its name with the response's type (GET_STATE → GET_STATE).
    private static Response.Types.Type ResponseType(Call.Types.Type type)
        => Enum.TryParse<Response.Types.Type>(type.ToString(), out var responseType) ? responseType : Response.Types.Type.Unknown;
}
