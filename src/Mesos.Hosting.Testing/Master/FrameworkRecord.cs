using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What the master knows of one framework.</summary>
internal sealed class FrameworkRecord(string id, FrameworkInfo info)
{
    public string Id { get; } = id;

    public FrameworkInfo Info { get; set; } = info;

    public IEventStream? Stream { get; set; }

    public string? StreamId { get; set; }

    public ITimer? Heartbeat { get; set; }

    public ITimer? FailoverTimer { get; set; }

    public bool Connected => Stream is { IsClosed: false };

    public HashSet<string> SuppressedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// (agent ID, role) → resources refused until a time. As in Mesos's allocator, a filter holds back
    /// only offers that it contains: more resources freed on the agent are offered at once.
    /// </summary>
    public Dictionary<(string AgentId, string Role), List<(DateTimeOffset Until, ResourceBag Refused)>> DeclineFilters { get; } = [];

    public Dictionary<string, OfferRecord> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Roles => FrameworkCapabilities.Roles(Info);

    public bool IsMultiRole => FrameworkCapabilities.Has(Info, FrameworkInfo.Types.Capability.Types.Type.MultiRole);

    public bool IsPartitionAware => FrameworkCapabilities.Has(Info, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
}
