using System.Globalization;
using Mesos.Hosting.Resources;

namespace Mesos.Hosting.Placement;

/// <summary>
/// Why a request found no offer, worked out only when it fails: a role no offer has, the hard
/// constraint that rules out the most offers, or the resource the offers that pass are shortest of.
/// </summary>
internal static class PendingReasons
{
    private static readonly string[] DimensionNames = [.. Demand.ScalarNames, MesosResources.Ports];

    public static string Explain(AgentTable table, TaskRequest request, int roleId, ConstraintPlan plan, Func<OfferSlot, Demand> need)
    {
        if (table.Slots.Count == 0)
        {
            return "no offers";
        }

        var candidates = 0;
        var failedBy = new int[plan.Hard.Length];
        var shortOf = new int[DimensionNames.Length];
        var mostLeft = new long[DimensionNames.Length];
        var wanted = new long[DimensionNames.Length];
        var fits = 0;
        foreach (var slot in table.Slots)
        {
            if (request.Role is not null && slot.Role is not null && slot.RoleId != roleId)
            {
                continue;
            }

            candidates++;
            var failed = FirstRefusal(plan.Hard, slot.Agent);
            if (failed >= 0)
            {
                failedBy[failed]++;
                continue;
            }

            var demand = need(slot);
            var dimension = slot.Resources.Shortfall(demand, request.ReservedOnly);
            if (dimension < 0)
            {
                fits++;
                continue;
            }

            shortOf[dimension]++;
            for (var d = 0; d < DimensionNames.Length; d++)
            {
                wanted[d] = Math.Max(wanted[d], Wanted(demand, d));
                mostLeft[d] = Math.Max(mostLeft[d], slot.Resources.Available(d, request.ReservedOnly));
            }
        }

        if (candidates == 0)
        {
            return $"no offer is allocated to role '{request.Role}'";
        }

        if (shortOf.Sum() == 0 && fits == 0)
        {
            var worst = Array.IndexOf(failedBy, failedBy.Max());
            return $"no offer satisfies {plan.Hard[worst].Constraint} ({failedBy[worst]} of {candidates} offers fail it)";
        }

        var reserved = request.ReservedOnly ? "reserved " : string.Empty;
        var blocking = Enumerable.Range(0, DimensionNames.Length).Where(d => mostLeft[d] < wanted[d]).ToList();
        if (blocking.Count == 0 && fits > 0)
        {
            return "an offer fits only since other tasks of this match were placed (a constraint's counts moved); the next offers are tried";
        }

        if (blocking.Count == 0)
        {
            var shortest = Array.IndexOf(shortOf, shortOf.Max());
            return $"no offer that passes the constraints has enough {reserved}resources of every kind at once (most often short of {DimensionNames[shortest]})";
        }

        // A kind of resource no offer has enough of is the true reason; the most widespread such shortage is named.
        var named = blocking.MaxBy(d => shortOf[d]);
        return string.Create(CultureInfo.InvariantCulture, $"insufficient {reserved}{DimensionNames[named]}: needs {Amount(wanted[named], named)}, the most left in an offer that passes the constraints is {Amount(mostLeft[named], named)}");
    }

    private static long Wanted(in Demand demand, int dimension) => dimension == Demand.Scalars ? demand.Ports : demand.Scalar(dimension);

    private static double Amount(long value, int dimension) => dimension == Demand.Scalars ? value : FixedPoint.ToDouble(value);

    private static int FirstRefusal(AgentCheck[] checks, int agent)
    {
        for (var i = 0; i < checks.Length; i++)
        {
            if (!checks[i].Allows(agent))
            {
                return i;
            }
        }

        return -1;
    }
}
