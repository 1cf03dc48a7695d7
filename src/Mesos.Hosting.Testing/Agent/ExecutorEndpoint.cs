using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Http;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// The agent's <c>/api/v1/executor</c> over HTTP, checking requests in the order Mesos's agent does
/// (src/slave/http.cpp) before <see cref="ExecutorApi"/> acts on them.
/// </summary>
internal sealed class ExecutorEndpoint(LocalAgent agent)
{
    public async Task HandleAsync(HttpContext context)
    {
        IReadOnlyDictionary<string, string>? claims = null;
        if (agent.Tokens is { } tokens)
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (string.IsNullOrEmpty(header))
            {
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{ExecutorTokens.Realm}\"";
                await MesosHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, string.Empty).ConfigureAwait(false);
                return;
            }

            var (valid, error) = header.StartsWith("Bearer ", StringComparison.Ordinal) ? tokens.Validate(header["Bearer ".Length..].Trim()) : (null, "Unsupported authentication scheme");
            if (valid is null)
            {
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{ExecutorTokens.Realm}\", error=\"invalid_token\", error_description=\"{error}\"";
                await MesosHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, string.Empty).ConfigureAwait(false);
                return;
            }

            claims = valid;
        }

        if (await MesosHttp.ReadCallAsync<Call>(context).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        if (ExecutorCallValidator.Validate(call) is { } invalid)
        {
            await Answer(context, call, StatusCodes.Status400BadRequest, "Failed to validate Executor::Call: " + invalid).ConfigureAwait(false);
            return;
        }

        await DispatchAsync(context, call, claims).ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context, Call call, IReadOnlyDictionary<string, string>? claims)
    {
        MesosCodec? streamCodec = null;
        switch (call.Type)
        {
            case Call.Types.Type.Subscribe:
                streamCodec = MesosHttp.NegotiateAnswer(context.Request);
                if (streamCodec is null)
                {
                    await Answer(context, call, StatusCodes.Status406NotAcceptable, MesosHttp.NotAcceptable).ConfigureAwait(false);
                    return;
                }

                break;
            case Call.Types.Type.Heartbeat:
                await Answer(context, call, StatusCodes.Status202Accepted, null).ConfigureAwait(false);
                return;
            default:
                if (agent.Recovering)
                {
                    await Answer(context, call, StatusCodes.Status503ServiceUnavailable, "Agent has not finished recovery").ConfigureAwait(false);
                    return;
                }

                break;
        }

        ExecutorRun run;
        int status;
        string? error;
        lock (agent.Master.Sync)
        {
            (run, status, error) = agent.ExecutorApi.Caller(call, claims);
            if (status == 0)
            {
                (status, error) = agent.ExecutorApi.Dispatch(run, call);
            }
        }

        if (status != StatusCodes.Status200OK || streamCodec is not { } codec)
        {
            await Answer(context, call, status, error).ConfigureAwait(false);
            return;
        }

        agent.Master.Journal.Record(new ObservedExecutorCall(agent.Id, call, status, agent.Master.Journal.Now));
        await agent.ExecutorApi.SubscribeAsync(run, call.Subscribe, HttpEventStream.Open(context, codec)).ConfigureAwait(false);
    }

    private async Task Answer(HttpContext context, Call call, int status, string? error)
    {
        agent.Master.Journal.Record(new ObservedExecutorCall(agent.Id, call, status, agent.Master.Journal.Now));
        if (error is null)
        {
            MesosHttp.Empty(context, status);
        }
        else
        {
            await MesosHttp.ErrorAsync(context, status, error).ConfigureAwait(false);
        }
    }
}
