using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>The offers of one match, indexed by agent and by agent and role, in the order they came.</summary>
internal sealed class AgentTable
{
    private readonly Dictionary<string, int> _roleIds = new(StringComparer.Ordinal);
    private readonly HashSet<(int Agent, string Executor)> _executors = [];
    private readonly Dictionary<(int Agent, string Executor), ExecutorInfo> _started = [];

    private AgentTable()
    {
    }

    /// <summary>The first offer of each agent: its hostname, attributes, domain and ID.</summary>
    public List<Offer> Agents { get; } = [];

    public List<OfferSlot> Slots { get; } = [];

    public static AgentTable Build(IReadOnlyList<Offer> offers)
    {
        var table = new AgentTable();
        var agentIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotIndex = new Dictionary<(int, string), int>();
        foreach (var offer in offers)
        {
            ArgumentNullException.ThrowIfNull(offer, nameof(offers));
            if (!agentIndex.TryGetValue(offer.AgentId.Value, out var agent))
            {
                agent = table.Agents.Count;
                agentIndex.Add(offer.AgentId.Value, agent);
                table.Agents.Add(offer);
            }

            foreach (var executor in offer.ExecutorIds)
            {
                table._executors.Add((agent, executor.Value));
            }

            var role = MesosResources.AllocationRole(offer);
            if (!slotIndex.TryGetValue((agent, role ?? string.Empty), out var slot))
            {
                slot = table.Slots.Count;
                slotIndex.Add((agent, role ?? string.Empty), slot);
                table.Slots.Add(new OfferSlot(agent, role, table.RoleId(role)));
            }

            table.Slots[slot].Offers.Add(offer);
        }

        foreach (var slot in table.Slots)
        {
            slot.Resources = new SlotResources(slot.Offers.SelectMany(o => o.Resources), slot.Role);
        }

        return table;
    }

    /// <summary>Whether <paramref name="executor"/> runs on <paramref name="agent"/>: offered so, or placed there in this match.</summary>
    public bool HasExecutor(int agent, string executor) => _executors.Contains((agent, executor));

    /// <summary>Records that a task placed on <paramref name="agent"/> starts <paramref name="executor"/>, as that task names it.</summary>
    public void AddExecutor(int agent, ExecutorInfo executor)
    {
        var key = (agent, ExecutorKey(executor));
        _executors.Add(key);
        _started[key] = executor;
    }

    /// <summary>The executor as the task of this match that starts it on <paramref name="agent"/> names it; null when none does.</summary>
    public ExecutorInfo? StartedExecutor(int agent, ExecutorInfo executor) => _started.GetValueOrDefault((agent, ExecutorKey(executor)));

    public static string ExecutorKey(ExecutorInfo executor) => executor.ExecutorId?.Value ?? string.Empty;

    /// <summary>The ID of a role among the offers' roles; -2 for a role no offer has (-1 is an offer without one).</summary>
    public int RoleIdOf(string role) => _roleIds.GetValueOrDefault(role, -2);

    private int RoleId(string? role)
    {
        if (role is null)
        {
            return -1;
        }

        if (!_roleIds.TryGetValue(role, out var id))
        {
            id = _roleIds.Count;
            _roleIds.Add(role, id);
        }

        return id;
    }
}
