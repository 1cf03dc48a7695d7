using Mesos.Hosting.Testing.Http;
using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// One master's operator API, <c>/api/v1</c>, checking requests in the order of Mesos's
/// <c>Master::Http::api</c> (src/master/http.cpp): the common gate, the body, validation, then Accept for every call.
/// </summary>
internal sealed class OperatorEndpoint(MasterRequestGate gate, OperatorCalls calls, OperatorSubscribers subscribers)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!(await gate.AdmitAsync(context).ConfigureAwait(false)).Admitted)
        {
            return;
        }

        if (await MesosHttp.ReadCallAsync<Call>(context).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        if (OperatorCallValidator.Validate(call) is { } invalid)
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "Failed to validate master::Call: " + invalid).ConfigureAwait(false);
            return;
        }

        if (MesosHttp.NegotiateAnswer(context.Request) is not { } codec)
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status406NotAcceptable, MesosHttp.NotAcceptable).ConfigureAwait(false);
            return;
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            await subscribers.SubscribeAsync(HttpEventStream.Open(context, codec)).ConfigureAwait(false);
            return;
        }

        var answer = calls.Answer(call);
        if (answer.Response is not null)
        {
            await MesosHttp.MessageAsync(context, codec, answer.Response).ConfigureAwait(false);
        }
        else if (answer.Error.Length == 0)
        {
            MesosHttp.Empty(context, answer.Status);
        }
        else
        {
            await MesosHttp.ErrorAsync(context, answer.Status, answer.Error).ConfigureAwait(false);
        }
    }
}
