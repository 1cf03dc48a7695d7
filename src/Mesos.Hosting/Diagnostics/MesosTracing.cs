using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mesos.Hosting.Diagnostics;

/// <summary>
/// The spans Mesos.Hosting starts, and the attribute names they carry. Names follow OpenTelemetry's semantic
/// conventions where one exists (rpc.*, server.*, error.type); Mesos's own are under <c>mesos.</c>.
/// </summary>
internal static class MesosTracing
{
    public const string SchedulerEvent = "mesos.scheduler.event";
    public const string SchedulerCall = "mesos.scheduler.call";
    public const string SchedulerSubscribe = "mesos.scheduler.subscribe";
    public const string SchedulerReconnect = "mesos.scheduler.reconnect";
    public const string ExecutorSubscribe = "mesos.executor.subscribe";
    public const string ExecutorReconnect = "mesos.executor.reconnect";
    public const string ExecutorLaunch = "mesos.executor.launch";
    public const string ExecutorRun = "mesos.executor.run";
    public const string ExecutorUpdate = "mesos.executor.update";
    public const string ExecutorAcknowledgement = "mesos.executor.acknowledgement";

    public const string RpcSystem = "rpc.system";
    public const string RpcService = "rpc.service";
    public const string RpcMethod = "rpc.method";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string EventType = "mesos.event.type";
    public const string FrameworkId = "mesos.framework.id";
    public const string ExecutorId = "mesos.executor.id";
    public const string AgentId = "mesos.agent.id";
    public const string TaskId = "mesos.task.id";
    public const string TaskIds = "mesos.task.ids";
    public const string OfferIds = "mesos.offer.ids";
    public const string OfferCount = "mesos.offer.count";
    public const string TaskState = "mesos.task.state";
    public const string UpdateUuid = "mesos.update.uuid";
    public const string Attempt = "mesos.subscribe.attempt";
    public const string Outcome = "mesos.outcome";
    public const string Reason = "mesos.reason";
    public const string Callback = "mesos.callback";

    /// <summary>Histogram buckets for durations in seconds, as OpenTelemetry recommends for request durations.</summary>
    public static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60],
    };

    public static ActivitySource Source { get; } = new(MesosDiagnostics.ActivitySourceName);

    /// <summary>Marks <paramref name="activity"/> failed with the exception's type as <c>error.type</c>.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag(ErrorType, exception.GetType().FullName);
    }

    /// <summary>Tags the master or agent a call went to, as OpenTelemetry's server.address and server.port.</summary>
    public static void Server(Activity? activity, Uri? server)
    {
        if (activity is null || server is null)
        {
            return;
        }

        activity.SetTag(ServerAddress, server.Host);
        activity.SetTag(ServerPort, server.Port);
    }

    /// <summary>Starts a span that does not become <see cref="Activity.Current"/>: one that outlives the code that starts it.</summary>
    public static Activity? StartDetached(string name, ActivityKind kind, ActivityContext parent = default)
    {
        var previous = Activity.Current;
        var activity = Source.StartActivity(name, kind, parent);
        Activity.Current = previous;
        return activity;
    }
}
