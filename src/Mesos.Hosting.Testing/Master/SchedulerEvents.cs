using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Sends events down frameworks' subscription streams, recording each one sent in the journal.</summary>
internal sealed class SchedulerEvents(ClusterJournal journal)
{
    /// <summary>Sends an event if the framework has an open stream; otherwise it is lost, as it is in Mesos.</summary>
    public void Send(FrameworkRecord framework, Event evt)
    {
        if (framework.Stream is { } stream && stream.Send(evt))
        {
            journal.Record(new ObservedSchedulerEvent(framework.Id, evt, journal.Now));
        }
    }

    /// <summary>An UPDATE; the journal notes the task's new state whether or not a stream is open to carry it.</summary>
    public void SendUpdate(FrameworkRecord framework, TaskStatus status)
    {
        journal.RecordTaskState(status.TaskId.Value, status.State);
        Send(framework, new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status } });
    }

    public void SendOperationStatus(FrameworkRecord framework, OperationID operationId, OperationState state, string? agentId, string message)
    {
        var status = new OperationStatus { OperationId = operationId, State = state, Message = message };
        if (agentId is not null)
        {
            status.AgentId = MesosId.Of<AgentID>(agentId);
        }

        Send(framework, new Event { Type = Event.Types.Type.UpdateOperationStatus, UpdateOperationStatus = new Event.Types.UpdateOperationStatus { Status = status } });
    }

    public void SendRescind(FrameworkRecord framework, OfferRecord offer)
        => Send(framework, new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = offer.Message.Id } });
}
