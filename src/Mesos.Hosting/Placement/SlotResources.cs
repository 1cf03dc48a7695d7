using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// What is left of the offers of one agent and role while the matcher carves tasks out of them. This is
/// <see cref="ResourceSet.Find(Resource)"/> for the hot path: the same order (reserved to the role,
/// unreserved, the rest; <see cref="FindPreference"/>), over amounts kept as integers so that checking
/// whether a task fits costs a few comparisons. Only plain resources are used: no disk source,
/// persistence, revocable, shared or provider.
/// </summary>
internal sealed class SlotResources
{
    private readonly List<ScalarPool>[] _scalars = [[], [], [], []];
    private readonly List<PortPool> _ports = [];
    private readonly long[] _free = new long[Demand.Scalars];
    private readonly long[] _reservedFree = new long[Demand.Scalars];
    private long _freePorts;
    private long _reservedFreePorts;

    public SlotResources(IEnumerable<Resource> offered, string? role)
    {
        foreach (var offeredResource in offered)
        {
            var resource = ResourceFormat.PostRefinement(offeredResource);
            if (!IsPlain(resource))
            {
                continue;
            }

            var tier = FindPreference.Tier(resource, role);
            var dimension = Array.IndexOf(Demand.ScalarNames, resource.Name);
            if (dimension >= 0 && resource.Type == Value.Types.Type.Scalar)
            {
                var amount = FixedPoint.ToFixed(resource.Scalar.Value);
                InsertByTier(_scalars[dimension], new ScalarPool(resource, tier, amount), static p => p.Tier);
                _free[dimension] += amount;
                _reservedFree[dimension] += tier == 1 ? 0 : amount;
            }
            else if (resource.Name == MesosResources.Ports && resource.Type == Value.Types.Type.Ranges)
            {
                var pool = new PortPool(resource, tier, ValueRanges.Coalesce(ValueRanges.Pairs(resource.Ranges)));
                InsertByTier(_ports, pool, static p => p.Tier);
                _freePorts += pool.Count;
                _reservedFreePorts += tier == 1 ? 0 : pool.Count;
            }
        }
    }

    public long Free(int dimension) => _free[dimension];

    public long FreePorts => _freePorts;

    public bool Fits(in Demand demand, bool reservedOnly)
    {
        var free = reservedOnly ? _reservedFree : _free;
        return free[0] >= demand.Cpus && free[1] >= demand.Mem && free[2] >= demand.Disk && free[3] >= demand.Gpus
            && (reservedOnly ? _reservedFreePorts : _freePorts) >= demand.Ports;
    }

    /// <summary>The first dimension <paramref name="demand"/> does not fit in (4 for ports), or -1.</summary>
    public int Shortfall(in Demand demand, bool reservedOnly)
    {
        var free = reservedOnly ? _reservedFree : _free;
        for (var d = 0; d < Demand.Scalars; d++)
        {
            if (free[d] < demand.Scalar(d))
            {
                return d;
            }
        }

        return (reservedOnly ? _reservedFreePorts : _freePorts) < demand.Ports ? Demand.Scalars : -1;
    }

    public long Available(int dimension, bool reservedOnly)
        => dimension == Demand.Scalars ? (reservedOnly ? _reservedFreePorts : _freePorts) : (reservedOnly ? _reservedFree : _free)[dimension];

    /// <summary>Carves <paramref name="demand"/> (which must fit) into <paramref name="taken"/>; the ports go to <paramref name="ports"/> too.</summary>
    public void Take(in Demand demand, bool reservedOnly, ICollection<Resource> taken, List<ulong> ports)
    {
        for (var d = 0; d < Demand.Scalars; d++)
        {
            var remaining = demand.Scalar(d);
            foreach (var pool in _scalars[d])
            {
                if (remaining == 0)
                {
                    break;
                }

                var amount = Math.Min(pool.Free, remaining);
                if (amount == 0 || (reservedOnly && pool.Tier == 1))
                {
                    continue;
                }

                pool.Free -= amount;
                remaining -= amount;
                _free[d] -= amount;
                _reservedFree[d] -= pool.Tier == 1 ? 0 : amount;
                var resource = PlainResource.Like(pool.Template);
                resource.Scalar = new Value.Types.Scalar { Value = FixedPoint.ToDouble(amount) };
                taken.Add(resource);
            }
        }

        var wantedPorts = demand.Ports;
        foreach (var pool in _ports)
        {
            if (wantedPorts == 0)
            {
                break;
            }

            if (reservedOnly && pool.Tier == 1)
            {
                continue;
            }

            var before = ports.Count;
            var resource = pool.TakeLowest(wantedPorts, ports);
            var count = ports.Count - before;
            if (resource is not null)
            {
                wantedPorts -= count;
                _freePorts -= count;
                _reservedFreePorts -= pool.Tier == 1 ? 0 : count;
                taken.Add(resource);
            }
        }
    }

    /// <summary>Adds <paramref name="pool"/> after every pool of its tier or a lower one: sorted by tier and, within a tier, in the offer's order, as Find walks.</summary>
    private static void InsertByTier<T>(List<T> pools, T pool, Func<T, int> tier)
    {
        var index = pools.Count;
        while (index > 0 && tier(pools[index - 1]) > tier(pool))
        {
            index--;
        }

        pools.Insert(index, pool);
    }

    private static bool IsPlain(Resource resource)
        => resource.Disk is null && resource.Revocable is null && resource.Shared is null && resource.ProviderId is null;

    private sealed class ScalarPool(Resource template, int tier, long free)
    {
        public Resource Template { get; } = template;

        public int Tier { get; } = tier;

        public long Free { get; set; } = free;
    }
}
