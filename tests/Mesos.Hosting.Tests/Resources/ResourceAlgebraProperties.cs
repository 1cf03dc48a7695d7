using FsCheck.Xunit;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>The algebra of resource sets, on generated sets: what Mesos's own tests hold its Resources to.</summary>
[Properties(Arbitrary = [typeof(ResourceGenerators)], MaxTest = 200)]
public sealed class ResourceAlgebraProperties
{
    [Property]
    public bool Adding_then_subtracting_gives_back_the_original(DisjointPair pair) => (pair.A + pair.B - pair.B).Equals(pair.A);

    [Property]
    public bool A_sum_contains_both_parts(ResourceSet a, ResourceSet b) => (a + b).Contains(a) && (a + b).Contains(b);

    [Property]
    public bool Addition_commutes(ResourceSet a, ResourceSet b) => (a + b).Equals(b + a);

    [Property]
    public bool Subtracting_a_set_from_itself_leaves_nothing(ResourceSet a) => (a - a).IsEmpty;

    [Property]
    public bool Flatten_preserves_the_totals(ResourceSet a)
    {
        var flat = a.Flatten("web");
        return flat.Cpus == a.Cpus && flat.Mem == a.Mem && flat.Disk == a.Disk
            && flat.Ports.Equals(a.Ports)
            && (a.Set("disks")?.Item.Count ?? 0) == (flat.Set("disks")?.Item.Count ?? 0)
            && flat.All(r => r.ReservationRole() == "web")
            && a.ToUnreserved().Cpus == a.Cpus;
    }

    [Property]
    public bool Find_never_returns_more_than_was_offered_and_what_it_returns_is_in_the_offer(ResourceSet offer, CpuWant want)
    {
        var found = offer.Find(Target(want));
        var usable = offer.NonRevocable().Cpus;
        if (found is null)
        {
            return usable < FixedPoint.Round(want.Amount);
        }

        return offer.Contains(found)
            && found.Cpus == FixedPoint.Round(want.Amount)
            && found.Cpus <= usable
            && found.All(r => r.Name == MesosResources.Cpus && !r.IsRevocable());
    }

    [Property]
    public bool Find_takes_what_is_reserved_to_the_wanted_role_first(ResourceSet offer, CpuWant want)
    {
        var found = offer.Find(Target(want));
        if (found is null || want.Role is null)
        {
            return true;
        }

        var reservedToRole = offer.NonRevocable().Reserved(want.Role).Cpus;
        return found.Reserved(want.Role).Cpus == Math.Min(reservedToRole, FixedPoint.Round(want.Amount));
    }

    [Property]
    public bool The_matchers_carving_takes_what_find_would(ResourceSet offer, CpuWant want)
    {
        var plain = offer.NonRevocable().Named(MesosResources.Cpus);
        var role = want.Role ?? "eng";
        var slot = new SlotResources(plain, role);
        var demand = new Demand(FixedPoint.ToFixed(want.Amount), 0, 0, 0, 0);
        var found = plain.Find(Target(want with { Role = role }));
        if (!slot.Fits(demand, reservedOnly: false))
        {
            return found is null;
        }

        var carved = new List<Resource>();
        slot.Take(demand, reservedOnly: false, carved, []);
        return found is not null && ResourceSet.From(carved).Equals(found);
    }

    private static Resource Target(CpuWant want) => want.Role is null ? R.Cpus(want.Amount) : R.Cpus(want.Amount, StackFor(want.Role));

    private static string[] StackFor(string role) => role == "eng/web" ? ["eng", "eng/web"] : [role];
}
