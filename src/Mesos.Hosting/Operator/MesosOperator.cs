using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Mesos.V1.Master;
using Microsoft.Extensions.Logging;
using Polly;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The operator client of the masters: builds each call, sends it to the leader through the retry pipeline its kind
/// calls for, and checks that the answer is the one asked for.
/// </summary>
internal sealed partial class MesosOperator : IMesosOperator, IDisposable, IAsyncDisposable
{
    private readonly IMasterDetector _detector;
    private readonly OperatorHttp _http;
    private readonly LeaderConnection _leader;
    private readonly OperatorEventStream _events;
    private readonly ResiliencePipeline _reads;
    private readonly ResiliencePipeline _changes;

    /// <summary>A client of the masters <paramref name="detector"/> finds; the client owns the detector and disposes it.</summary>
    public MesosOperator(MesosOperatorOptions options, IMasterDetector detector, TimeProvider time, ILogger logger)
    {
        _detector = detector;
        _http = new OperatorHttp(OperatorConnectionSettings.From(options), options.MaxAnswerBytes, time);
        _leader = new LeaderConnection(_http, detector);
        _events = new OperatorEventStream(_leader, options, time, logger);
        _reads = OperatorRetries.Reads(options, time, logger);
        _changes = OperatorRetries.Changes(options, time, logger);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<Event> SubscribeAsync(CancellationToken cancellationToken = default) => _events.ReadAllAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<Response> CallAsync(Call request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type == Call.Types.Type.Subscribe)
        {
            throw new ArgumentException("SUBSCRIBE answers with a stream; enumerate SubscribeAsync instead.", nameof(request));
        }

        var callType = MesosNames.Of(request.Type);
        var (answer, _) = await SendAsync(request, callType, OperatorRetries.IsRead(callType) ? _reads : _changes, cancellationToken).ConfigureAwait(false);
        return answer ?? new Response();
    }

    /// <inheritdoc/>
    public IMesosAgentOperator Agent(Uri agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!agent.IsAbsoluteUri || agent.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{agent}' is not an absolute http or https URL of an agent.", nameof(agent));
        }

        return new MesosAgentOperator(_http, agent, _reads);
    }

    public void Dispose()
    {
        _http.Dispose();
        (_detector as IDisposable)?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_detector is IAsyncDisposable detector)
        {
            await detector.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            (_detector as IDisposable)?.Dispose();
        }
    }

    // A reading call: its answer must be of its own type, with the payload `payload` picks.
    private async Task<T> ReadAsync<T>(Call call, Func<Response, T?> payload, CancellationToken cancellationToken)
        where T : class
    {
        var callType = MesosNames.Of(call.Type);
        var (answer, master) = await SendAsync(call, callType, _reads, cancellationToken).ConfigureAwait(false);
        return ExpectedAnswer.Of(LeaderConnection.Describe(master), callType, answer is null ? null : MesosNames.Of(answer.Type), answer is null ? null : payload(answer));
    }

    private Task<T> ReadAsync<T>(Call.Types.Type type, Func<Response, T?> payload, CancellationToken cancellationToken)
        where T : class => ReadAsync(new Call { Type = type }, payload, cancellationToken);

    // A call that changes the cluster: a success is all it answers.
    private async Task ChangeAsync(Call call, CancellationToken cancellationToken)
        => await SendAsync(call, MesosNames.Of(call.Type), _changes, cancellationToken).ConfigureAwait(false);

    // The answer (null for an empty body) and the master that gave it.
    private Task<(Response? Answer, Uri Master)> SendAsync(Call call, string callType, ResiliencePipeline pipeline, CancellationToken cancellationToken)
        => OperatorRetries.ExecuteAsync(
            pipeline,
            callType,
            async ct =>
            {
                var (response, master) = await _leader.SendAsync(call, callType, ct).ConfigureAwait(false);
                using (response)
                {
                    return (await _http.ReadAnswerAsync<Response>(response, LeaderConnection.Describe(master), callType, ct).ConfigureAwait(false), master);
                }
            },
            cancellationToken);
}
