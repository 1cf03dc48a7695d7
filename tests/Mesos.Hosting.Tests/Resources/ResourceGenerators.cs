using FsCheck;
using FsCheck.Fluent;
using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Two resource sets whose ranges and sets do not overlap, so that subtraction undoes addition.</summary>
public sealed record DisjointPair(ResourceSet A, ResourceSet B);

/// <summary>A want: an amount of cpus, possibly reserved to a role.</summary>
public sealed record CpuWant(double Amount, string? Role);

/// <summary>
/// FsCheck generators of valid resources: scalars in thousandths, port ranges and sets from a band of
/// their own, unreserved, reserved, refined, allocated or revocable.
/// </summary>
public static class ResourceGenerators
{
    private static readonly string[][] Stacks = [[], [], ["eng"], ["eng", "eng/web"], ["ops"]];

    public static Arbitrary<ResourceSet> ResourceSets() => Arb.From(SetOf(0));

    public static Arbitrary<DisjointPair> DisjointPairs() => Arb.From(SetOf(0).SelectMany(a => SetOf(1).Select(b => new DisjointPair(a, b))));

    public static Arbitrary<CpuWant> CpuWants()
        => Arb.From(Gen.Choose(1, 20_000).SelectMany(thousandths => Gen.Elements<string?>(null, "eng", "eng/web", "ops").Select(role => new CpuWant(thousandths / 1000.0, role))));

    /// <summary>A set whose ranges and set items come from band <paramref name="band"/>, so sets of different bands are disjoint.</summary>
    private static Gen<ResourceSet> SetOf(int band) => Gen.ListOf(ResourceOf(band)).Select(ResourceSet.From);

    private static Gen<Resource> ResourceOf(int band)
    {
        var scalar = Gen.Elements(MesosResources.Cpus, MesosResources.Mem, MesosResources.Disk)
            .SelectMany(name => Gen.Choose(1, 10_000).Select(thousandths => MesosResources.Scalar(name, thousandths / 1000.0)));
        var ports = Gen.Choose(0, 40).SelectMany(begin => Gen.Choose(0, 8).Select(length =>
            MesosResources.Ranges(MesosResources.Ports, [((ulong)(31000 + (band * 100) + begin), (ulong)(31000 + (band * 100) + begin + length))])));
        var set = Gen.SubListOf(Enumerable.Range(0, 6).Select(i => $"d{band}-{i}").ToArray()).Where(items => items.Count > 0)
            .Select(items => MesosResources.Set("disks", items));
        return Gen.Frequency((6, scalar), (2, ports), (1, set))
            .SelectMany(resource => Gen.Elements(Stacks).SelectMany(stack => Gen.Elements(false, false, true).SelectMany(allocated => Gen.Elements(false, false, false, true).Select(revocable =>
            {
                var shaped = R.Reserve(resource, stack);
                if (allocated)
                {
                    R.Allocated(shaped, "eng/web");
                }

                if (revocable)
                {
                    shaped.Revocable = new Resource.Types.RevocableInfo();
                }

                return shaped;
            }))));
    }
}
