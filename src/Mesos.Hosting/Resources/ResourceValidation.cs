using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// Mesos's checks on a <see cref="Resource"/>: what the master would reject in an operation, with
/// messages that name the bad resource.
/// </summary>
public static class ResourceValidation
{
    /// <summary>Why <paramref name="resource"/> is invalid, naming it (<c>Resource 'cpus:-1' is invalid: ...</c>), or null when it is valid.</summary>
    public static string? Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var problem = ValueProblem(resource) ?? DiskProblem(resource) ?? ReservationValidation.Problem(resource) ?? SharedProblem(resource);
        return problem is null ? null : $"Resource '{Describe(resource)}' is invalid: {problem}";
    }

    /// <summary>Every problem in <paramref name="resources"/>, one message per bad resource; empty when all are valid.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var problems = new List<string>();
        foreach (var resource in resources)
        {
            if (Validate(resource) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static string Describe(Resource resource)
        => resource.Name.Length == 0 ? "(no name):" + ResourceText.FormatValue(resource) : ResourceText.Format(resource);

    private static string? ValueProblem(Resource resource)
    {
        if (resource.Name.Length == 0)
        {
            return "the name is empty";
        }

        switch (resource.Type)
        {
            case Value.Types.Type.Scalar:
                if (resource.Scalar is null || resource.Ranges is not null || resource.Set is not null)
                {
                    return "a SCALAR resource must carry a scalar and nothing else";
                }

                var value = resource.Scalar.Value;
                if (!double.IsFinite(value))
                {
                    return $"the scalar {value} is not a finite number";
                }

                if (value < 0)
                {
                    return $"the scalar {value} is negative";
                }

                return value != 0 && FixedPoint.ToFixed(value) == 0 ? $"the scalar {value} rounds to zero at Mesos's three decimals" : null;
            case Value.Types.Type.Ranges:
                if (resource.Ranges is null || resource.Scalar is not null || resource.Set is not null)
                {
                    return "a RANGES resource must carry ranges and nothing else";
                }

                return RangesProblem(resource.Ranges);
            case Value.Types.Type.Set:
                if (resource.Set is null || resource.Scalar is not null || resource.Ranges is not null)
                {
                    return "a SET resource must carry a set and nothing else";
                }

                var duplicate = resource.Set.Item.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                return duplicate is null ? null : $"the set holds '{duplicate.Key}' more than once";
            default:
                return $"the type {resource.Type} is not a resource type (SCALAR, RANGES or SET)";
        }
    }

    private static string? RangesProblem(Value.Types.Ranges ranges)
    {
        var list = ranges.Range;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Begin > list[i].End)
            {
                return $"the range {list[i].Begin}-{list[i].End} begins after it ends";
            }

            for (var j = i + 1; j < list.Count; j++)
            {
                if (list[i].Begin <= list[j].End && list[j].Begin <= list[i].End)
                {
                    return $"the ranges {list[i].Begin}-{list[i].End} and {list[j].Begin}-{list[j].End} overlap";
                }
            }
        }

        return null;
    }

    private static string? DiskProblem(Resource resource)
    {
        if (resource.Disk is null)
        {
            return null;
        }

        if (resource.Name != MesosResources.Disk)
        {
            return $"DiskInfo is only for disk resources, not {resource.Name}";
        }

        var source = resource.Disk.Source;
        return source?.Type switch
        {
            null or Resource.Types.DiskInfo.Types.Source.Types.Type.Path or Resource.Types.DiskInfo.Types.Source.Types.Type.Mount => null,
            Resource.Types.DiskInfo.Types.Source.Types.Type.Block or Resource.Types.DiskInfo.Types.Source.Types.Type.Raw when source.Mount is not null || source.Path is not null
                => $"a {source.Type.ToString().ToUpperInvariant()} disk source takes neither a path nor a mount",
            Resource.Types.DiskInfo.Types.Source.Types.Type.Block or Resource.Types.DiskInfo.Types.Source.Types.Type.Raw => null,
            _ => "the disk source type is UNKNOWN",
        };
    }

    private static string? SharedProblem(Resource resource)
    {
        if (resource.Shared is null)
        {
            return null;
        }

        return resource.Name != MesosResources.Disk || resource.Disk?.Persistence is null ? "only persistent volumes can be shared" : null;
    }
}
