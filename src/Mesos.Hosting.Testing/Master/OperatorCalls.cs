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

    /// <summary>The answer to a valid call: 200 with a response, 200 without one, or an error status and text.</summary>
    public (int Status, Response? Response, string Error) Answer(Call call)
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
                case Call.Types.Type.Teardown:
                    return Teardown(call.Teardown);
                default:
                    // Mesos answers UNKNOWN with an empty 501; the calls it has and the local master lacks say which they are.
                    return (StatusCodes.Status501NotImplemented, null, call.Type == Call.Types.Type.Unknown ? string.Empty : $"The local master does not implement {call.Type}");
            }

            return (StatusCodes.Status200OK, response, string.Empty);
        }
    }

    /// <summary>Removes the framework as its own TEARDOWN would: its tasks are killed and its executors shut down.</summary>
    private (int Status, Response? Response, string Error) Teardown(Call.Types.Teardown teardown)
    {
        if (_state.FindFramework(teardown.FrameworkId.Value) is not { } framework)
        {
            return (StatusCodes.Status400BadRequest, null, "No framework found with specified ID");
        }

        master.Removal.Remove(framework);
        return (StatusCodes.Status200OK, null, string.Empty);
    }

    // Every call with a response shares its name with the response's type (GET_STATE → GET_STATE).
    private static Response.Types.Type ResponseType(Call.Types.Type type)
        => Enum.TryParse<Response.Types.Type>(type.ToString(), out var responseType) ? responseType : Response.Types.Type.Unknown;
}
