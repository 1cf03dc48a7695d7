using Mesos.Hosting.Testing.Http;
using Mesos.Hosting.Testing.Observation;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// One master's <c>/api/v1/scheduler</c>, checking requests in the order of Mesos's
/// <c>Master::Http::scheduler</c> (src/master/http.cpp), with the cluster's faults applied first.
/// </summary>
internal sealed class SchedulerEndpoint(LocalMaster master, MasterRequestGate gate, MasterFaults faults)
{
    private readonly MasterState _state = master.State;

    public async Task HandleAsync(HttpContext context)
    {
        var (admitted, principal) = await gate.AdmitAsync(context).ConfigureAwait(false);
        if (!admitted)
        {
            return;
        }

        if (await MesosHttp.ReadCallAsync<Call>(context).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        if (await faults.InterceptAsync(context, call).ConfigureAwait(false))
        {
            return;
        }

        await HandleCallAsync(context, call, principal).ConfigureAwait(false);
    }

    private async Task HandleCallAsync(HttpContext context, Call call, string? principal)
    {
        if (SchedulerCallValidator.Validate(call, principal) is { } invalid)
        {
            await Answer(context, call, StatusCodes.Status400BadRequest, "Failed to validate scheduler::Call: " + invalid).ConfigureAwait(false);
            return;
        }

        if (call.Type is Call.Types.Type.Subscribe or Call.Types.Type.ReconcileOperations && MesosHttp.NegotiateAnswer(context.Request) is null)
        {
            await Answer(context, call, StatusCodes.Status406NotAcceptable, MesosHttp.NotAcceptable).ConfigureAwait(false);
            return;
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            if (context.Request.Headers.ContainsKey(MesosHttp.StreamIdHeader))
            {
                await Answer(context, call, StatusCodes.Status400BadRequest, "Subscribe calls should not include the 'Mesos-Stream-Id' header").ConfigureAwait(false);
                return;
            }

            _state.Journal.Record(new ObservedSchedulerCall(call.FrameworkId?.Value, call, StatusCodes.Status200OK, _state.Journal.Now));
            await SubscribeAsync(context, call).ConfigureAwait(false);
            return;
        }

        int status;
        string error;
        lock (_state.Sync)
        {
            var streamId = context.Request.Headers[MesosHttp.StreamIdHeader].ToString();
            (var framework, status, error) = master.Calls.Caller(call, streamId, principal);
            if (framework is not null)
            {
                (status, error) = master.Calls.Dispatch(framework, call);
            }
        }

        await Answer(context, call, status, error.Length == 0 ? null : error).ConfigureAwait(false);
    }

    // SUBSCRIBE answers 200 at once; the master then sends SUBSCRIBED and HEARTBEAT, or one ERROR and the end.
    private async Task SubscribeAsync(HttpContext context, Call call)
    {
        var stream = HttpEventStream.Open(context, MesosHttp.NegotiateAnswer(context.Request)!);
        var streamId = Guid.NewGuid().ToString("D");

        // Mesos sends the stream ID with the 200 before it validates the framework, so even a refusal carries one.
        context.Response.Headers[MesosHttp.StreamIdHeader] = streamId;
        await master.Subscriptions.SubscribeAsync(call.Subscribe, stream, streamId).ConfigureAwait(false);
    }

    private async Task Answer(HttpContext context, Call call, int status, string? error)
    {
        _state.Journal.Record(new ObservedSchedulerCall(call.FrameworkId?.Value, call, status, _state.Journal.Now));
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
