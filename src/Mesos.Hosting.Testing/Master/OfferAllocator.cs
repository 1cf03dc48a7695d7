using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Resources;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The allocator: each agent's free resources go, whole, to one subscribed and unsuppressed
/// framework role at a time, the framework holding the least going first, and never to a role
/// that declined that agent within its filter. It runs when an agent or a framework comes, when
/// a framework revives, and on a timer as Mesos's batch allocation does. Everything else waits
/// for the timer, as in Mesos's allocator: resources that come back (declined, left unused by an
/// ACCEPT, freed by a task's or an executor's end or a framework's removal; recoverResources
/// never allocates), a reactivated agent, roles an UPDATE_FRAMEWORK adds or unsuppresses.
/// Called with the lock held.
/// </summary>
internal sealed class OfferAllocator : IAsyncDisposable
{
    // Mesos's default minimum allocatable resources: "cpus:0.01|mem:32".
    private const double MinCpus = 0.01;
    private const double MinMem = 32;

    private readonly MasterState _state;
    private readonly SchedulerEvents _events;
    private readonly ITimer _timer;
    private long _offerSequence;
    private int _rotation;

    public OfferAllocator(MasterState state, SchedulerEvents events)
    {
        _state = state;
        _events = events;
        _timer = state.Time.CreateTimer(_ => AllocateUnderLock(), null, state.Options.AllocationInterval, state.Options.AllocationInterval);
    }

    /// <summary>Offers what is free on every active agent.</summary>
    public void Allocate()
    {
        var now = _state.Time.GetUtcNow();
        var frameworks = _state.Frameworks.Where(f => f.Connected).ToList();
        if (frameworks.Count == 0)
        {
            return;
        }

        // Fewest allocated cpus first; ties rotate so that equals take turns. One framework has no one to go before.
        _rotation++;
        if (frameworks.Count > 1)
        {
            frameworks = frameworks
                .OrderBy(f => AllocatedCpus(f))
                .ThenBy(f => (f.Id.GetHashCode(StringComparison.Ordinal) + _rotation) & int.MaxValue)
                .ToList();
        }

        var offered = new Dictionary<FrameworkRecord, List<Offer>>();
        foreach (var agent in _state.ActiveAgents)
        {
            var free = FreeResources(agent);
            foreach (var framework in frameworks)
            {
                foreach (var role in framework.Roles.Where(r => !framework.SuppressedRoles.Contains(r)))
                {
                    var usable = free.UsableBy(role);
                    if (!IsAllocatable(usable) || IsFiltered(framework, agent.Id, role, usable, now))
                    {
                        continue;
                    }

                    var offer = CreateOffer(framework, agent, role, usable);
                    free.Subtract(usable);
                    if (!offered.TryGetValue(framework, out var list))
                    {
                        list = [];
                        offered[framework] = list;
                    }

                    list.Add(offer.Message);
                }
            }
        }

        foreach (var (framework, offers) in offered)
        {
            var evt = new Event { Type = Event.Types.Type.Offers, Offers = new Event.Types.Offers() };
            evt.Offers.Offers_.AddRange(offers);
            _events.Send(framework, evt);
        }
    }

    /// <summary>
    /// DECLINE: the offers go back, and their resources are filtered from the role for a while. They are offered again
    /// at the next allocation cycle, not now: in Mesos, resources coming back never start an allocation.
    /// </summary>
    public void Decline(FrameworkRecord framework, IEnumerable<OfferID> offerIds, Filters? filters)
    {
        var now = _state.Time.GetUtcNow();
        foreach (var offerId in offerIds)
        {
            // Unknown and stale offer IDs are ignored, as Mesos does.
            if (framework.Offers.TryGetValue(offerId.Value, out var offer))
            {
                RemoveOffer(offer);
                AddFilter(framework, offer.Agent.Id, offer.Role, offer.Resources, filters, now);
            }
        }
    }

    public void Revive(FrameworkRecord framework, IReadOnlyCollection<string> roles)
    {
        if (RolesOf(framework, roles) is not { } chosen)
        {
            return;
        }

        framework.SuppressedRoles.ExceptWith(chosen);
        foreach (var key in framework.DeclineFilters.Keys.Where(k => chosen.Contains(k.Role)).ToList())
        {
            framework.DeclineFilters.Remove(key);
        }

        Allocate();
    }

    public static void Suppress(FrameworkRecord framework, IReadOnlyCollection<string> roles)
    {
        if (RolesOf(framework, roles) is { } chosen)
        {
            framework.SuppressedRoles.UnionWith(chosen);
        }
    }

    public static void RemoveOffer(OfferRecord offer)
    {
        offer.Framework.Offers.Remove(offer.Id);
        offer.Agent.OutstandingOffers.Remove(offer);
    }

    /// <summary>Takes back every offer of a framework without a RESCIND: they are void once its stream is gone or replaced.</summary>
    public static void VoidOffers(FrameworkRecord framework)
    {
        foreach (var offer in framework.Offers.Values)
        {
            offer.Agent.OutstandingOffers.Remove(offer);
        }

        framework.Offers.Clear();
    }

    /// <summary>Takes back a framework's offers that <paramref name="which"/> picks, each with a RESCIND.</summary>
    public void RescindOffers(FrameworkRecord framework, Func<OfferRecord, bool> which)
    {
        foreach (var offer in framework.Offers.Values.Where(which).ToList())
        {
            RemoveOffer(offer);
            _events.SendRescind(framework, offer);
        }
    }

    /// <summary>Refuses <paramref name="refused"/> on an agent to a framework role for as long as <paramref name="filters"/> says.</summary>
    public void AddFilter(FrameworkRecord framework, string agentId, string role, ResourceBag refused, Filters? filters, DateTimeOffset now)
    {
        // Mesos: unset means the 5 s default, negative means the default too, 0 means no filter, the cap is a year.
        var seconds = filters is { HasRefuseSeconds: true } ? filters.RefuseSeconds : new Filters().RefuseSeconds;
        if (seconds < 0 || double.IsNaN(seconds))
        {
            seconds = new Filters().RefuseSeconds;
        }

        if (seconds == 0)
        {
            return;
        }

        if (refused.IsEmpty)
        {
            return;
        }

        if (!framework.DeclineFilters.TryGetValue((agentId, role), out var list))
        {
            list = [];
            framework.DeclineFilters[(agentId, role)] = list;
        }

        // A filter outlasts at least one allocation interval, so that it cannot lapse before the cycle that would have
        // offered its resources again (Mesos's recoverResources, MESOS-4302).
        var lasts = TimeSpan.FromSeconds(Math.Min(seconds, 365d * 24 * 3600));
        list.Add((now + (lasts > _state.Options.AllocationInterval ? lasts : _state.Options.AllocationInterval), refused.Clone()));
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    // Empty means every role; a role the framework is not subscribed to voids the whole call.
    private static List<string>? RolesOf(FrameworkRecord framework, IReadOnlyCollection<string> roles)
        => roles.Count == 0 ? [.. framework.Roles] : roles.All(framework.Roles.Contains) ? [.. roles] : null;

    private static bool IsAllocatable(ResourceBag resources)
        => resources.Entries.Any(e => (e.Name == "cpus" && e.Quantity.Scalar >= MinCpus) || (e.Name == "mem" && e.Quantity.Scalar >= MinMem));

    private static double AllocatedCpus(FrameworkRecord framework)
        => framework.Tasks.Values.Where(t => !t.ResourcesReleased).Sum(t => t.Resources.Entries.Where(e => e.Name == "cpus").Sum(e => e.Quantity.Scalar))
            + framework.Offers.Values.Sum(o => o.Resources.Entries.Where(e => e.Name == "cpus").Sum(e => e.Quantity.Scalar));

    private static bool IsFiltered(FrameworkRecord framework, string agentId, string role, ResourceBag offerable, DateTimeOffset now)
    {
        if (!framework.DeclineFilters.TryGetValue((agentId, role), out var filters))
        {
            return false;
        }

        filters.RemoveAll(f => f.Until <= now);
        if (filters.Count == 0)
        {
            framework.DeclineFilters.Remove((agentId, role));
            return false;
        }

        return filters.Any(f => f.Refused.Contains(offerable));
    }

    private void AllocateUnderLock()
    {
        lock (_state.Sync)
        {
            Allocate();
        }
    }

    private ResourceBag FreeResources(LocalAgent agent)
    {
        var free = agent.Total.Clone();
        free.Subtract(_state.Used(agent.Id));
        foreach (var offer in agent.OutstandingOffers)
        {
            free.Subtract(offer.Resources);
        }

        return free;
    }

    private OfferRecord CreateOffer(FrameworkRecord framework, LocalAgent agent, string role, ResourceBag resources)
    {
        var id = MasterIds.Offer(_state.MasterId, _offerSequence++);
        var message = new Offer
        {
            Id = MesosId.Of<OfferID>(id),
            FrameworkId = framework.Info.Id,
            AgentId = MesosId.Of<AgentID>(agent.Id),
            Hostname = agent.Info.Hostname,
            Url = new URL
            {
                Scheme = "http",
                Address = new Address { Hostname = agent.Info.Hostname, Ip = _state.Options.Hostname, Port = agent.Info.Port },
                Path = "/slave(1)",
            },
            AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
        };
        message.Resources.AddRange(resources.ToResources(role));
        message.Attributes.AddRange(agent.Info.Attributes);
        message.ExecutorIds.AddRange(_state.ExecutorIds(agent.Id, framework.Id).Select(MesosId.Of<ExecutorID>));

        var offer = new OfferRecord(id, framework, agent, role, resources, message);
        framework.Offers[id] = offer;
        agent.OutstandingOffers.Add(offer);
        return offer;
    }
}
