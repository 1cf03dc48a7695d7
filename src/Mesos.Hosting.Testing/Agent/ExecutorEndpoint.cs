using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Http;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>The agent's <c>/api/v1/executor</c>, checking requests in the order Mesos's agent does (src/slave/http.cpp).</summary>
internal sealed class ExecutorEndpoint(LocalAgent agent)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.Value is not ("/api/v1/executor" or "/slave(1)/api/v1/executor"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

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
                streamCodec = MesosHttp.NegotiateStream(context.Request);
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
            (run, status, error) = Lookup(call, claims);
            if (status == 0)
            {
                (status, error) = call.Type switch
                {
                    Call.Types.Type.Subscribe => (StatusCodes.Status200OK, null),
                    Call.Types.Type.Update => agent.ExecutorUpdate(run, call.Update.Status),
                    Call.Types.Type.Message => agent.ExecutorMessage(run, call.Message.Data),
                    _ => (StatusCodes.Status501NotImplemented, null),
                };
            }
        }

        if (status != StatusCodes.Status200OK || streamCodec is not { } codec)
        {
            await Answer(context, call, status, error).ConfigureAwait(false);
            return;
        }

        agent.Master.Journal.Record(new ObservedExecutorCall(agent.Id, call, status, agent.Master.Journal.Now));
        var stream = HttpEventStream.Open(context, codec);
        lock (agent.Master.Sync)
        {
            agent.SubscribeExecutor(run, call.Subscribe, stream);
        }

        await stream.RunAsync().ConfigureAwait(false);
        lock (agent.Master.Sync)
        {
            if (run.Stream == stream)
            {
                run.Stream = null;
            }
        }
    }

    private (ExecutorRun Run, int Status, string? Error) Lookup(Call call, IReadOnlyDictionary<string, string>? claims)
    {
        if (agent.FindFramework(call.FrameworkId.Value) is null)
        {
            return (null!, StatusCodes.Status400BadRequest, "Framework cannot be found");
        }

        if (agent.FindExecutor(call.FrameworkId.Value, call.ExecutorId.Value) is not { } run)
        {
            return (null!, StatusCodes.Status400BadRequest, "Executor cannot be found");
        }

        if (claims is not null && (claims["fid"] != run.FrameworkId || claims["eid"] != run.ExecutorId || claims["cid"] != run.ContainerId))
        {
            return (null!, StatusCodes.Status403Forbidden, "Authenticated principal's claims do not match the executor's framework, executor and container IDs");
        }

        if (call.Type != Call.Types.Type.Subscribe && !run.Subscribed)
        {
            return (null!, StatusCodes.Status403Forbidden, "Executor is not subscribed");
        }

        return (run, 0, null);
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
