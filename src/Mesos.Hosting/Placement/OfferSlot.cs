using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>The offers of one agent allocated to one role: what one ACCEPT may name together.</summary>
internal sealed class OfferSlot(int agent, string? role, int roleId)
{
    public int Agent { get; } = agent;

    public string? Role { get; } = role;

    public int RoleId { get; } = roleId;

    public List<Offer> Offers { get; } = [];

    public SlotResources Resources { get; set; } = null!;

    public List<PlacedTask> Placed { get; } = [];
}
