using System.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The span of one call to the master, and the trace context an ACCEPT carries into the tasks it launches.</summary>
internal static class SchedulerCallTracing
{
    private const string Service = "mesos.v1.scheduler.Scheduler";

    /// <summary>
    /// Starts the call's span, a child of <paramref name="cause"/>. An ACCEPT's tasks are given the span's context
    /// (or, when no one listens, the cause's), so that their executor continues the trace.
    /// </summary>
    public static Activity? Start(Call call, ActivityContext cause, Uri? master)
    {
        var activity = MesosTracing.Source.StartActivity(MesosTracing.SchedulerCall, ActivityKind.Client, cause);
        if (call.Type == Call.Types.Type.Accept && call.Accept is { } accept)
        {
            TaskTraceContext.Inject(accept, activity?.Context ?? cause);
        }

        if (activity is not { IsAllDataRequested: true })
        {
            return activity;
        }

        activity.SetTag(MesosTracing.RpcSystem, "mesos");
        activity.SetTag(MesosTracing.RpcService, Service);
        activity.SetTag(MesosTracing.RpcMethod, MesosNames.Of(call.Type));
        activity.SetTag(MesosTracing.FrameworkId, call.FrameworkId?.Value);
        MesosTracing.Server(activity, master);
        switch (call.Type)
        {
            case Call.Types.Type.Accept:
                activity.SetTag(MesosTracing.OfferIds, call.Accept.OfferIds.Select(o => o.Value).ToArray());
                activity.SetTag(MesosTracing.TaskIds, TaskIds(call.Accept));
                break;
            case Call.Types.Type.Decline:
                activity.SetTag(MesosTracing.OfferIds, call.Decline.OfferIds.Select(o => o.Value).ToArray());
                break;
            case Call.Types.Type.Kill:
                activity.SetTag(MesosTracing.TaskId, call.Kill.TaskId?.Value);
                break;
            case Call.Types.Type.Acknowledge:
                activity.SetTag(MesosTracing.TaskId, call.Acknowledge.TaskId?.Value);
                activity.SetTag(MesosTracing.AgentId, call.Acknowledge.AgentId?.Value);
                break;
        }

        return activity;
    }

    private static string[] TaskIds(Call.Types.Accept accept)
        => Scheduler.SchedulerCalls.LaunchedTasks(accept).Select(t => t.TaskId.Value).ToArray();
}
