using Mesos.Hosting.Wire;
using Mesos.V1.Agent;
using Polly;
using CallType = Mesos.V1.Agent.Call.Types.Type;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The operator client of one agent, over the master client's HTTP (same encoding, limits, CA and credentials: the
/// caller named this agent). Agents never redirect.
/// </summary>
internal sealed class MesosAgentOperator(OperatorHttp http, Uri agent, ResiliencePipeline reads) : IMesosAgentOperator
{
    private readonly Uri _endpoint = new(agent, OperatorHttp.Path);
    private readonly string _peer = $"The Mesos agent at {agent}";

    /// <inheritdoc/>
    public Uri Agent => agent;

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
    public Task<Response.Types.GetState> GetStateAsync(CancellationToken cancellationToken = default)
        => ReadAsync(CallType.GetState, r => r.GetState, cancellationToken);

    /// <inheritdoc/>
    public async Task<Response> CallAsync(Call request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type is CallType.LaunchNestedContainerSession or CallType.AttachContainerInput or CallType.AttachContainerOutput)
        {
            throw new ArgumentException($"{MesosNames.Of(request.Type)} streams; this client sends only calls answered at once.", nameof(request));
        }

        var callType = MesosNames.Of(request.Type);
        return await SendAsync(request, callType, OperatorRetries.IsRead(callType) ? reads : ResiliencePipeline.Empty, cancellationToken).ConfigureAwait(false) ?? new Response();
    }

    private async Task<T> ReadAsync<T>(CallType type, Func<Response, T?> payload, CancellationToken cancellationToken)
        where T : class
    {
        var callType = MesosNames.Of(type);
        var answer = await SendAsync(new Call { Type = type }, callType, reads, cancellationToken).ConfigureAwait(false);
        return ExpectedAnswer.Of(_peer, callType, answer is null ? null : MesosNames.Of(answer.Type), answer is null ? null : payload(answer));
    }

    private Task<Response?> SendAsync(Call call, string callType, ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        var body = http.Settings.Codec.Encode(call);
        return OperatorRetries.ExecuteAsync(
            pipeline,
            callType,
            async ct =>
            {
                using var response = await http.PostAsync(_endpoint, body, callType, withCredentials: true, ct).ConfigureAwait(false);
                return response.IsSuccessStatusCode
                    ? await http.ReadAnswerAsync<Response>(response, _peer, callType, ct).ConfigureAwait(false)
                    : throw await http.RefusalAsync(_peer, callType, response, note: "", ct).ConfigureAwait(false);
            },
            cancellationToken);
    }
}
