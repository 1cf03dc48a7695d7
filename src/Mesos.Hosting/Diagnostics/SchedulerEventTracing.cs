using System.Diagnostics;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Diagnostics;

/// <summary>The span of one event from the master: the parent of the callback's work and of the calls it makes.</summary>
internal static class SchedulerEventTracing
{
    public static Activity? Start(Event evt, string typeName, FrameworkID? frameworkId)
    {
        // Each event begins a trace of its own: the stream it arrived on is no cause of it.
        var activity = MesosTracing.Source.StartActivity(MesosTracing.SchedulerEvent, ActivityKind.Consumer, parentContext: default);
        if (activity is not { IsAllDataRequested: true })
        {
            return activity;
        }

        activity.SetTag(MesosTracing.EventType, typeName);
        activity.SetTag(MesosTracing.FrameworkId, frameworkId?.Value);
        switch (evt.Type)
        {
            case Event.Types.Type.Offers:
                activity.SetTag(MesosTracing.OfferCount, evt.Offers.Offers_.Count);
                activity.SetTag(MesosTracing.OfferIds, evt.Offers.Offers_.Select(o => o.Id.Value).ToArray());
                break;
            case Event.Types.Type.Update:
                activity.SetTag(MesosTracing.TaskId, evt.Update.Status.TaskId.Value);
                activity.SetTag(MesosTracing.TaskState, MesosNames.Of(evt.Update.Status.State));
                activity.SetTag(MesosTracing.AgentId, evt.Update.Status.AgentId?.Value);
                break;
            case Event.Types.Type.Rescind:
                activity.SetTag(MesosTracing.OfferIds, new[] { evt.Rescind.OfferId.Value });
                break;
        }

        return activity;
    }
}
