using Mesos.Hosting.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The Polly pipelines of the operator client. Reading calls are sent again whenever a master could not serve them;
/// calls that change the cluster only when no master was reached at all, since a master that timed out may have
/// acted. The event stream subscribes again without end, waiting longer after each failure.
/// </summary>
internal static class OperatorRetries
{
    // The longest Retry-After honoured: a master may ask for a pause, not for the client to stop.
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    // The call a pipeline runs, named in its log lines.
    private static readonly ResiliencePropertyKey<string> CallType = new("Mesos.Hosting.Operator.CallType");

    public static ResiliencePipeline Reads(MesosOperatorOptions options, TimeProvider time, ILogger logger)
        => Calls(options, time, logger, new PredicateBuilder().Handle<MesosUnavailableException>());

    public static ResiliencePipeline Changes(MesosOperatorOptions options, TimeProvider time, ILogger logger)
        => Calls(options, time, logger, new PredicateBuilder().Handle<MesosUnavailableException>(NeverReached));

    public static ResiliencePipeline Subscriptions(MesosOperatorOptions options, TimeProvider time, ILogger logger)
        => new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(Retry(options, new PredicateBuilder().Handle<MesosUnavailableException>().Handle<MesosProtocolException>(), int.MaxValue, args =>
            {
                OperatorLog.SubscribeFailed(logger, args.AttemptNumber + 1, HumanDuration.Format(args.RetryDelay), args.Outcome.Exception?.Message ?? "unknown");
                return ValueTask.CompletedTask;
            }))
            .Build();

    /// <summary>Whether a call (by Mesos's name) only reads, and may be sent again whatever befell the last attempt.</summary>
    public static bool IsRead(string callType) => callType.StartsWith("GET_", StringComparison.Ordinal) || callType is "LIST_FILES" or "READ_FILE";

    /// <summary>Runs one call through <paramref name="pipeline"/>, named <paramref name="callType"/> in the pipeline's log lines.</summary>
    public static async Task<T> ExecuteAsync<T>(ResiliencePipeline pipeline, string callType, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallType, callType);
        try
        {
            return await pipeline.ExecuteAsync(static async (ctx, run) => await run(ctx.CancellationToken).ConfigureAwait(false), context, attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // The request never left: the connection to the master could not even be made.
    private static bool NeverReached(MesosUnavailableException ex)
        => ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static ResiliencePipeline Calls(MesosOperatorOptions options, TimeProvider time, ILogger logger, PredicateBuilder<object> shouldHandle)
        => options.CallRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(Retry(options, shouldHandle, options.CallRetries, args =>
                {
                    var callType = args.Context.Properties.GetValue(CallType, "a call");
                    OperatorLog.CallFailed(logger, callType, args.AttemptNumber + 1, HumanDuration.Format(args.RetryDelay), args.Outcome.Exception?.Message ?? "unknown");
                    return ValueTask.CompletedTask;
                }))
                .Build();

    private static RetryStrategyOptions Retry(MesosOperatorOptions options, PredicateBuilder<object> shouldHandle, int attempts, Func<OnRetryArguments<object>, ValueTask> onRetry) => new()
    {
        ShouldHandle = shouldHandle,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryInitialDelay,
        MaxDelay = options.RetryMaxDelay,
        MaxRetryAttempts = attempts,
        DelayGenerator = static args => ValueTask.FromResult(
            args.Outcome.Exception is MesosUnavailableException { RetryAfter: { } after } ? (TimeSpan?)(after < MaxRetryAfter ? after : MaxRetryAfter) : null),
        OnRetry = onRetry,
    };
}
