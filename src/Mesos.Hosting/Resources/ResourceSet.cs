using System.Collections;
using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// An immutable collection of <see cref="Resource"/>s with Mesos's semantics (<c>mesos::Resources</c>):
/// resources that Mesos would combine are combined (same name, type, allocation, reservation stack,
/// disk, revocable, shared), scalars keep three decimals, ranges are coalesced, and everything is held in
/// the post-refinement reservation format. Every operation returns a new set.
/// </summary>
/// <remarks>The resources it hands out are its own: treat them as read-only and <c>Clone()</c> one before changing it.</remarks>
public sealed partial class ResourceSet : IReadOnlyCollection<Resource>, IEquatable<ResourceSet>
{
    private readonly ResourceEntry[] _entries;

    private ResourceSet(ResourceEntry[] entries) => _entries = entries;

    /// <summary>No resources.</summary>
    public static ResourceSet Empty { get; } = new([]);

    /// <summary>How many resources the set holds (a shared resource counts once per copy).</summary>
    public int Count => _entries.Sum(e => e.IsShared ? e.SharedCount : 1);

    /// <summary>Whether the set holds nothing.</summary>
    public bool IsEmpty => _entries.Length == 0;

    internal ReadOnlySpan<ResourceEntry> Entries => _entries;

    /// <summary>
    /// The set of <paramref name="resources"/> (an offer's, a task's), combined; empty resources are dropped.
    /// Throws <see cref="ArgumentException"/> naming each invalid resource (see <see cref="ResourceValidation"/>).
    /// </summary>
    public static ResourceSet From(IEnumerable<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var entries = new List<ResourceEntry>();
        foreach (var resource in resources)
        {
            ResourceArithmetic.Add(entries, Admit(resource));
        }

        return new ResourceSet([.. entries]);
    }

    /// <summary>The set of <paramref name="resources"/>; see <see cref="From(IEnumerable{Resource})"/>.</summary>
    public static ResourceSet Of(params Resource[] resources) => From(resources);

    /// <summary>This set plus <paramref name="resource"/>.</summary>
    public ResourceSet Add(Resource resource) => Combine([Admit(resource)], subtract: false);

    /// <summary>This set plus <paramref name="other"/>.</summary>
    public ResourceSet Add(ResourceSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Combine(other._entries, subtract: false);
    }

    /// <summary>This set less <paramref name="resource"/>; what is not here is ignored, what would go negative goes.</summary>
    public ResourceSet Subtract(Resource resource) => Combine([Admit(resource)], subtract: true);

    /// <summary>This set less <paramref name="other"/>.</summary>
    public ResourceSet Subtract(ResourceSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Combine(other._entries, subtract: true);
    }

    /// <summary>The sum of two sets.</summary>
    public static ResourceSet operator +(ResourceSet left, ResourceSet right) => (left ?? throw new ArgumentNullException(nameof(left))).Add(right);

    /// <summary>The difference of two sets.</summary>
    public static ResourceSet operator -(ResourceSet left, ResourceSet right) => (left ?? throw new ArgumentNullException(nameof(left))).Subtract(right);

    /// <summary>Whether <paramref name="resource"/> is within this set (false for an invalid resource).</summary>
    public bool Contains(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ResourceValidation.Validate(resource) is null && Holds(_entries, ResourceEntry.Of(ResourceFormat.Normalize(resource)));
    }

    /// <summary>Whether every resource of <paramref name="other"/> is within this set.</summary>
    public bool Contains(ResourceSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var remaining = new List<ResourceEntry>(_entries);
        foreach (var entry in other._entries)
        {
            if (!Holds(remaining, entry))
            {
                return false;
            }

            ResourceArithmetic.Subtract(remaining, entry);
        }

        return true;
    }

    /// <summary>How many copies of <paramref name="resource"/> the set holds: the count of a shared resource, 1 or 0 otherwise.</summary>
    public int CountOf(Resource resource)
    {
        var wanted = ResourceFormat.Normalize(resource ?? throw new ArgumentNullException(nameof(resource)));
        foreach (var entry in _entries)
        {
            if (ResourceComparison.AreEqual(entry.Resource, wanted))
            {
                return entry.IsShared ? entry.SharedCount : 1;
            }
        }

        return 0;
    }

    /// <summary>Copies of the resources, for a <c>TaskInfo</c>, an operation or a call.</summary>
    public IReadOnlyList<Resource> ToList() => this.Select(r => r.Clone()).ToList();

    /// <inheritdoc/>
    public IEnumerator<Resource> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            for (var copy = 0; copy < (entry.IsShared ? entry.SharedCount : 1); copy++)
            {
                yield return entry.Resource;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets are equal when each contains the other.</summary>
    public bool Equals(ResourceSet? other) => other is not null && Contains(other) && other.Contains(this);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ResourceSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var entry in _entries)
        {
            hash += HashCode.Combine(entry.Resource.Name, entry.Resource.Type);
        }

        return hash;
    }

    /// <summary>Mesos's notation: <c>cpus:1; mem:128; ports:[31000-31005]</c>, or <c>{}</c>.</summary>
    public override string ToString()
        => _entries.Length == 0 ? "{}" : string.Join("; ", _entries.Select(e => ResourceText.Format(e.Resource) + (e.IsShared ? $"<{e.SharedCount}>" : string.Empty)));

    internal static ResourceSet FromNormalized(IEnumerable<ResourceEntry> entries)
    {
        var list = new List<ResourceEntry>();
        foreach (var entry in entries)
        {
            ResourceArithmetic.Add(list, entry);
        }

        return new ResourceSet([.. list]);
    }

    private static ResourceEntry Admit(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (ResourceValidation.Validate(resource) is { } problem)
        {
            throw new ArgumentException(problem, nameof(resource));
        }

        return ResourceEntry.Of(ResourceFormat.Normalize(resource));
    }

    private static bool Holds(IEnumerable<ResourceEntry> entries, ResourceEntry wanted)
    {
        foreach (var entry in entries)
        {
            var holds = wanted.IsShared
                ? entry.IsShared && entry.SharedCount >= wanted.SharedCount && ResourceComparison.AreEqual(entry.Resource, wanted.Resource)
                : !entry.IsShared && ResourceComparison.Contains(entry.Resource, wanted.Resource);
            if (holds)
            {
                return true;
            }
        }

        return false;
    }

    private ResourceSet Combine(IEnumerable<ResourceEntry> others, bool subtract)
    {
        var entries = new List<ResourceEntry>(_entries);
        foreach (var entry in others)
        {
            if (subtract)
            {
                ResourceArithmetic.Subtract(entries, entry);
            }
            else
            {
                ResourceArithmetic.Add(entries, entry);
            }
        }

        return new ResourceSet([.. entries]);
    }

    /// <summary>All the cpus, whatever their role or reservation (0 when there are none).</summary>
    public double Cpus => Scalar(MesosResources.Cpus) ?? 0;

    /// <summary>All the memory, in MB.</summary>
    public double Mem => Scalar(MesosResources.Mem) ?? 0;

    /// <summary>All the disk, in MB.</summary>
    public double Disk => Scalar(MesosResources.Disk) ?? 0;

    /// <summary>All the GPUs.</summary>
    public double Gpus => Scalar(MesosResources.Gpus) ?? 0;

    /// <summary>All the ports, coalesced (empty when there are none).</summary>
    public Value.Types.Ranges Ports => Ranges(MesosResources.Ports) ?? new Value.Types.Ranges();

    /// <summary>The names of the resources held.</summary>
    public IReadOnlyCollection<string> Names => _entries.Select(e => e.Resource.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The total of the scalar <paramref name="name"/> at Mesos's three decimals, or null when there is none.</summary>
    public double? Scalar(string name)
    {
        long total = 0;
        var found = false;
        foreach (var entry in _entries)
        {
            if (entry.Resource.Name == name && entry.Resource.Type == Value.Types.Type.Scalar)
            {
                total += FixedPoint.ToFixed(entry.Resource.Scalar.Value);
                found = true;
            }
        }

        return found ? FixedPoint.ToDouble(total) : null;
    }

    /// <summary>The ranges <paramref name="name"/>, coalesced across roles and reservations, or null when there are none.</summary>
    public Value.Types.Ranges? Ranges(string name)
    {
        var matching = _entries.Where(e => e.Resource.Name == name && e.Resource.Type == Value.Types.Type.Ranges).ToList();
        return matching.Count == 0 ? null : ValueRanges.Of(matching.SelectMany(e => ValueRanges.Pairs(e.Resource.Ranges)));
    }

    /// <summary>The set <paramref name="name"/>, merged across roles and reservations, or null when there is none.</summary>
    public Value.Types.Set? Set(string name)
    {
        var matching = _entries.Where(e => e.Resource.Name == name && e.Resource.Type == Value.Types.Type.Set).ToList();
        return matching.Count == 0 ? null : ValueSets.Of(matching.SelectMany(e => e.Resource.Set.Item));
    }

    /// <summary>
    /// Mesos's text form of resources, as an agent's <c>--resources</c> flag takes it:
    /// <c>cpus:4;mem:1024;cpus(web):2;ports:[31000-31999];disks:{a,b}</c>. A role in parentheses is a
    /// STATIC reservation to it; <paramref name="defaultRole"/> applies to the rest. Throws
    /// <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static ResourceSet Parse(string text, string defaultRole = MesosRoles.Any) => ResourceParser.Parse(text, defaultRole);
}
