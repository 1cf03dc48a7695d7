using Mesos.Hosting.Testing.Http;
using Mesos.V1.Agent;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// One agent's operator API, <c>/api/v1</c>, in the order of Mesos's <c>Http::api</c> (src/slave/http.cpp): POST, the
/// body, validation, then Accept. GET_HEALTH, GET_VERSION, GET_FLAGS and GET_STATE are answered; the other calls
/// of a real agent (containers, files, nested sessions) are not the local agent's to serve.
/// </summary>
internal sealed class AgentOperatorEndpoint(LocalAgent agent)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await MesosHttp.ReadCallAsync<Call>(context).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        if (!call.HasType)
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "Failed to validate agent::Call: Expecting 'type' to be present").ConfigureAwait(false);
            return;
        }

        if (MesosHttp.NegotiateAnswer(context.Request) is not { } codec)
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status406NotAcceptable, MesosHttp.NotAcceptable).ConfigureAwait(false);
            return;
        }

        if (Answer(call) is { } response)
        {
            await MesosHttp.MessageAsync(context, codec, response).ConfigureAwait(false);
        }
        else
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status501NotImplemented, $"The local agent does not implement {call.Type}").ConfigureAwait(false);
        }
    }

    private Response? Answer(Call call)
    {
        // The response types are numbered apart from the calls' (GET_STATE is 9 in Call, 8 in Response).
        switch (call.Type)
        {
            case Call.Types.Type.GetHealth:
                return new Response { Type = Response.Types.Type.GetHealth, GetHealth = new Response.Types.GetHealth { Healthy = true } };
            case Call.Types.Type.GetVersion:
                return new Response { Type = Response.Types.Type.GetVersion, GetVersion = new Response.Types.GetVersion { VersionInfo = new Mesos.V1.VersionInfo { Version = LocalMesosCluster.MesosVersion } } };
            case Call.Types.Type.GetFlags:
                return new Response { Type = Response.Types.Type.GetFlags, GetFlags = AgentOperatorViews.Flags(agent) };
            case Call.Types.Type.GetState:
                lock (agent.Master.Sync)
                {
                    return new Response { Type = Response.Types.Type.GetState, GetState = AgentOperatorViews.State(agent.Master, agent) };
                }

            default:
                return null;
        }
    }
}
