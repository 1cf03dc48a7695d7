using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// One ACCEPT: the offers of one agent, allocated to one role (as Mesos requires of the offers an ACCEPT
/// names), and the tasks to launch on them. What the tasks leave of the offers goes back to Mesos with it.
/// </summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Hostname">The agent's hostname.</param>
/// <param name="Role">The role the offers are allocated to, or null when they name none.</param>
/// <param name="OfferIds">The offers to accept.</param>
/// <param name="Tasks">The tasks placed on them, in request order.</param>
public sealed record OfferLaunch(AgentID AgentId, string Hostname, string? Role, IReadOnlyList<OfferID> OfferIds, IReadOnlyList<PlacedTask> Tasks)
{
    /// <summary>The tasks to pass to <c>LaunchTasksAsync</c>.</summary>
    public IReadOnlyList<TaskInfo> TaskInfos => Tasks.Select(t => t.Task).ToList();

    /// <summary>The LAUNCH operation for <c>AcceptAsync</c>.</summary>
    public Offer.Types.Operation ToOperation()
    {
        var launch = new Offer.Types.Operation.Types.Launch();
        launch.TaskInfos.AddRange(TaskInfos);
        return new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = launch };
    }
}
