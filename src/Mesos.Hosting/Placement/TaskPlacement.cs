using Mesos.V1;
using MesosAttribute = Mesos.V1.Attribute;

namespace Mesos.Hosting.Placement;

/// <summary>
/// Where a task of a group runs: what UNIQUE, CLUSTER, GROUP_BY and MAX_PER count. Pass the placements of
/// running tasks to the matcher (from <see cref="PlacedTask.Placement"/> when launched, or from your own
/// records) so that constraints hold across matches.
/// </summary>
/// <param name="Group">The task's group (<see cref="TaskRequest.Group"/>).</param>
/// <param name="TaskId">The task's ID.</param>
/// <param name="Hostname">The agent's hostname.</param>
/// <param name="Attributes">The agent's attributes.</param>
/// <param name="Domain">The agent's fault domain, for <c>@region</c> and <c>@zone</c>.</param>
public sealed record TaskPlacement(string Group, string TaskId, string Hostname, IReadOnlyList<MesosAttribute> Attributes, DomainInfo? Domain = null)
{
    /// <summary>The placement of a task of <paramref name="group"/> on the agent that made <paramref name="offer"/>.</summary>
    public static TaskPlacement OnAgentOf(Offer offer, string group, string taskId)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new TaskPlacement(group, taskId, offer.Hostname, offer.Attributes.ToList(), offer.Domain);
    }
}
