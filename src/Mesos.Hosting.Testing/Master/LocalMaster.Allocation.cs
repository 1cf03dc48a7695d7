using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Resources;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The allocator: each agent's free resources go, whole, to one subscribed and unsuppressed
/// framework role at a time, the framework holding the least going first, and never to a role
/// that declined that agent within its filter.
/// </summary>
internal sealed partial class LocalMaster
{
    // Mesos's default minimum allocatable resources: "cpus:0.01|mem:32".
    private const double MinCpus = 0.01;
    private const double MinMem = 32;

    private readonly Dictionary<string, ResourceBag> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<(string AgentId, string FrameworkId, string ExecutorId), (ExecutorInfo Info, ResourceBag Resources)> _executors = [];
    private long _offerSequence;
    private int _rotation;

    private void AllocateUnderLock()
    {
        lock (Sync)
        {
            Allocate();
        }
    }

    private void Allocate()
    {
        var now = Time.GetUtcNow();
        var frameworks = _frameworks.Values.Where(f => f.Connected).ToList();
        if (frameworks.Count == 0)
        {
            return;
        }

        // Fewest allocated cpus first; ties rotate so that equals take turns.
        _rotation++;
        frameworks = frameworks
            .OrderBy(f => AllocatedCpus(f))
            .ThenBy(f => (f.Id.GetHashCode(StringComparison.Ordinal) + _rotation) & int.MaxValue)
            .ToList();

        var offered = new Dictionary<FrameworkRecord, List<Offer>>();
        foreach (var agent in _agents.Where(a => a.IsRegistered))
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
            Send(framework, evt);
        }
    }

    private static bool IsAllocatable(ResourceBag resources)
        => resources.Entries.Any(e => (e.Name == "cpus" && e.Quantity.Scalar >= MinCpus) || (e.Name == "mem" && e.Quantity.Scalar >= MinMem));

    private static double AllocatedCpus(FrameworkRecord framework)
        => framework.Tasks.Values.Where(t => !t.ResourcesReleased).Sum(t => t.Resources.Entries.Where(e => e.Name == "cpus").Sum(e => e.Quantity.Scalar))
            + framework.Offers.Values.Sum(o => o.Resources.Entries.Where(e => e.Name == "cpus").Sum(e => e.Quantity.Scalar));

    private ResourceBag FreeResources(LocalAgent agent)
    {
        var free = agent.Total.Clone();
        free.Subtract(Used(agent.Id));
        foreach (var framework in _frameworks.Values)
        {
            foreach (var offer in framework.Offers.Values.Where(o => o.Agent == agent))
            {
                free.Subtract(offer.Resources);
            }
        }

        return free;
    }

    private ResourceBag Used(string agentId)
    {
        if (!_used.TryGetValue(agentId, out var used))
        {
            used = new ResourceBag();
            _used[agentId] = used;
        }

        return used;
    }

    private OfferRecord CreateOffer(FrameworkRecord framework, LocalAgent agent, string role, ResourceBag resources)
    {
        var id = MasterIds.Offer(MasterId, _offerSequence++);
        var message = new Offer
        {
            Id = MesosId.Of<OfferID>(id),
            FrameworkId = framework.Info.Id,
            AgentId = MesosId.Of<AgentID>(agent.Id),
            Hostname = agent.Info.Hostname,
            Url = new URL
            {
                Scheme = "http",
                Address = new Address { Hostname = agent.Info.Hostname, Ip = Options.Hostname, Port = agent.Info.Port },
                Path = "/slave(1)",
            },
            AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
        };
        message.Resources.AddRange(resources.ToResources(role));
        message.Attributes.AddRange(agent.Info.Attributes);
        message.ExecutorIds.AddRange(_executors.Keys.Where(k => k.AgentId == agent.Id && k.FrameworkId == framework.Id).Select(k => MesosId.Of<ExecutorID>(k.ExecutorId)));

        var offer = new OfferRecord(id, framework, agent, role, resources, message);
        framework.Offers[id] = offer;
        return offer;
    }

    private static void RemoveOffer(OfferRecord offer) => offer.Framework.Offers.Remove(offer.Id);

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

    private static void AddFilter(FrameworkRecord framework, string agentId, string role, ResourceBag refused, Filters? filters, DateTimeOffset now)
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

        list.Add((now + TimeSpan.FromSeconds(Math.Min(seconds, 365d * 24 * 3600)), refused.Clone()));
    }
}
