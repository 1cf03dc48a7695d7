using System.Globalization;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// What the driver needs of an event beyond what decoding already checked (the required fields): an event
/// that lacks it is reported and ignored, so that a broken master cannot stop the delivery of later events.
/// </summary>
internal static class SchedulerEventCheck
{
    /// <summary>Why <paramref name="evt"/> cannot be handled, or null when it can.</summary>
    public static string? Problem(Event evt) => evt.Type switch
    {
        Event.Types.Type.Offers when evt.Offers is null => "OFFERS without offers",
        Event.Types.Type.Rescind when evt.Rescind is null => "RESCIND without an offer",
        Event.Types.Type.Update when evt.Update?.Status is not { } status => "UPDATE without a status",
        Event.Types.Type.Update => UpdateProblem(evt.Update.Status),
        Event.Types.Type.UpdateOperationStatus when evt.UpdateOperationStatus?.Status is not { } operation => "UPDATE_OPERATION_STATUS without a status",
        Event.Types.Type.UpdateOperationStatus => OperationProblem(evt.UpdateOperationStatus.Status),
        Event.Types.Type.Message when evt.Message is null => "MESSAGE without a message",
        Event.Types.Type.Failure when evt.Failure?.AgentId is null => "FAILURE without an agent_id",
        Event.Types.Type.InverseOffers when evt.InverseOffers is null => "INVERSE_OFFERS without inverse offers",
        Event.Types.Type.RescindInverseOffer when evt.RescindInverseOffer is null => "RESCIND_INVERSE_OFFER without an inverse offer",
        _ => null,
    };

    /// <summary>
    /// Why the resources of <paramref name="offer"/> cannot be trusted (a negative or non-finite scalar, a range
    /// that ends before it begins), or null.
    /// </summary>
    public static string? OfferProblem(Offer offer)
    {
        // Indexed loops: this runs for every offer of every OFFERS event, on the thread that delivers them, where an
        // enumerator per offer and another per ranged resource would be garbage by the thousand. The figures are
        // written as Mesos writes them, whatever the host's culture.
        var resources = offer.Resources;
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            if (resource.Scalar is { } scalar && (!double.IsFinite(scalar.Value) || scalar.Value < 0))
            {
                return string.Create(CultureInfo.InvariantCulture, $"offer {offer.Id.Value} has {resource.Name} = {scalar.Value}");
            }

            if (resource.Ranges is { } ranges && BackwardRange(ranges) is { } range)
            {
                return $"offer {offer.Id.Value} has {resource.Name} range [{range.Begin}-{range.End}]";
            }
        }

        return null;
    }

    private static Value.Types.Range? BackwardRange(Value.Types.Ranges ranges)
    {
        for (var i = 0; i < ranges.Range.Count; i++)
        {
            if (ranges.Range[i].End < ranges.Range[i].Begin)
            {
                return ranges.Range[i];
            }
        }

        return null;
    }

    // An update Mesos wants acknowledged must carry what the acknowledgement needs.
    private static string? UpdateProblem(TaskStatus status) => status switch
    {
        { HasUuid: true } when !MesosUuid.IsValid(status.Uuid.Span) => $"UPDATE of task {status.TaskId.Value} with a uuid of {status.Uuid.Length} bytes that is not an RFC-4122 UUID",
        { HasUuid: true, AgentId: null } => $"UPDATE of task {status.TaskId.Value} with a uuid but no agent_id, so it cannot be acknowledged",
        _ => null,
    };

    private static string? OperationProblem(OperationStatus status) => status switch
    {
        { Uuid: null } => null,
        _ when !MesosUuid.IsValid(status.Uuid.Value.Span) => $"UPDATE_OPERATION_STATUS with a uuid of {status.Uuid.Value.Length} bytes that is not an RFC-4122 UUID",
        { OperationId: null } => "UPDATE_OPERATION_STATUS with a uuid but no operation_id, so it cannot be acknowledged",
        { AgentId: null } => $"UPDATE_OPERATION_STATUS of operation {status.OperationId.Value} with a uuid but no agent_id, so it cannot be acknowledged",
        _ => null,
    };
}
