using System.Globalization;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Resources;

/// <summary>
/// Resources summed by (name, reservation role): what an agent has, what is offered, what a task uses.
/// Unreserved resources have the role <c>*</c>.
/// </summary>
internal sealed class ResourceBag
{
    public const string Unreserved = "*";

    private readonly Dictionary<(string Name, string Role), ResourceQuantity> _quantities = [];

    public bool IsEmpty => _quantities.Values.All(q => q.IsEmpty);

    public IEnumerable<(string Name, string Role, ResourceQuantity Quantity)> Entries
        => _quantities.Where(e => !e.Value.IsEmpty).Select(e => (e.Key.Name, e.Key.Role, e.Value));

    /// <summary>Sums <paramref name="resources"/>; a malformed resource yields an error naming it.</summary>
    public static ResourceBag From(IEnumerable<Resource> resources, out string? error)
    {
        var bag = new ResourceBag();
        error = null;
        foreach (var resource in resources)
        {
            error = bag.TryAdd(resource);
            if (error is not null)
            {
                return bag;
            }
        }

        return bag;
    }

    public static ResourceBag From(IEnumerable<Resource> resources)
        => From(resources, out var error) is var bag && error is null ? bag : throw new ArgumentException(error, nameof(resources));

    public static string RoleOf(Resource resource)
        => resource.Reservations.Count > 0 ? resource.Reservations[^1].Role
            : resource.HasRole && resource.Role != Unreserved ? resource.Role
            : Unreserved;

    public ResourceBag Clone()
    {
        var copy = new ResourceBag();
        foreach (var (key, quantity) in _quantities)
        {
            copy._quantities[key] = quantity.Clone();
        }

        return copy;
    }

    public void Add(ResourceBag other)
    {
        foreach (var (key, quantity) in other._quantities)
        {
            Quantity(key, quantity.Type).Add(quantity);
        }
    }

    public bool Contains(ResourceBag other)
        => other._quantities.All(e => e.Value.IsEmpty
            || (_quantities.TryGetValue(e.Key, out var mine) && mine.Type == e.Value.Type && mine.Contains(e.Value)));

    /// <summary>Removes <paramref name="other"/>; what is not held is simply not there to remove.</summary>
    public void Subtract(ResourceBag other)
    {
        foreach (var (key, quantity) in other._quantities)
        {
            if (!quantity.IsEmpty && _quantities.TryGetValue(key, out var mine) && mine.Type == quantity.Type)
            {
                mine.Subtract(quantity);
            }
        }
    }

    /// <summary>What a framework in <paramref name="role"/> may use: unreserved and reserved-for-role.</summary>
    public ResourceBag UsableBy(string role)
    {
        var usable = new ResourceBag();
        foreach (var (key, quantity) in _quantities.Where(e => e.Key.Role == Unreserved || e.Key.Role == role))
        {
            usable._quantities[key] = quantity.Clone();
        }

        return usable;
    }

    /// <summary>The bag as Mesos resources, allocated to <paramref name="allocationRole"/> when given.</summary>
    public List<Resource> ToResources(string? allocationRole)
    {
        var resources = new List<Resource>();
        foreach (var (name, role, quantity) in Entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Role, StringComparer.Ordinal))
        {
            var resource = new Resource { Name = name, Type = quantity.Type, Role = role };
            switch (quantity.Type)
            {
                case Value.Types.Type.Scalar:
                    resource.Scalar = new Value.Types.Scalar { Value = quantity.Scalar };
                    break;
                case Value.Types.Type.Ranges:
                    resource.Ranges = new Value.Types.Ranges();
                    resource.Ranges.Range.AddRange(quantity.Ranges.Select(r => new Value.Types.Range { Begin = r.Begin, End = r.End }));
                    break;
                default:
                    resource.Set = new Value.Types.Set();
                    resource.Set.Item.AddRange(quantity.Items);
                    break;
            }

            if (allocationRole is not null)
            {
                resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = allocationRole };
            }

            resources.Add(resource);
        }

        return resources;
    }

    /// <summary>
    /// Parses the agent flag syntax: <c>cpus:4;mem:8192;ports:[31000-32000];zones:{a,b};gpus(ml):1</c>.
    /// </summary>
    public static ResourceBag Parse(string text)
    {
        var bag = new ResourceBag();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Resource '{part}' in '{text}' is not of the form name:value.");
            }

            var (name, role) = SplitRole(part[..colon].Trim(), text);
            var value = part[(colon + 1)..].Trim();
            if (value.StartsWith('['))
            {
                var ranges = bag.Quantity((name, role), Value.Types.Type.Ranges);
                foreach (var range in value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var bounds = range.Split('-');
                    if (bounds.Length != 2 || !ulong.TryParse(bounds[0], CultureInfo.InvariantCulture, out var begin) || !ulong.TryParse(bounds[1], CultureInfo.InvariantCulture, out var end) || end < begin)
                    {
                        throw new FormatException($"Range '{range}' of resource '{name}' in '{text}' is not of the form begin-end.");
                    }

                    ranges.AddRange(begin, end);
                }
            }
            else if (value.StartsWith('{'))
            {
                bag.Quantity((name, role), Value.Types.Type.Set).AddItems(value.Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scalar) && scalar >= 0)
            {
                bag.Quantity((name, role), Value.Types.Type.Scalar).AddScalar(scalar);
            }
            else
            {
                throw new FormatException($"Value '{value}' of resource '{name}' in '{text}' is not a non-negative number, a [begin-end] range list or a {{item}} set.");
            }
        }

        return bag;
    }

    public override string ToString() => string.Join(";", Entries.Select(e => $"{e.Name}({e.Role}):{Describe(e.Quantity)}"));

    private static string Describe(ResourceQuantity quantity) => quantity.Type switch
    {
        Value.Types.Type.Scalar => quantity.Scalar.ToString(CultureInfo.InvariantCulture),
        Value.Types.Type.Ranges => "[" + string.Join(",", quantity.Ranges.Select(r => $"{r.Begin}-{r.End}")) + "]",
        _ => "{" + string.Join(",", quantity.Items) + "}",
    };

    private static (string Name, string Role) SplitRole(string name, string text)
    {
        var open = name.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return (name, Unreserved);
        }

        if (!name.EndsWith(')') || open == 0)
        {
            throw new FormatException($"Resource name '{name}' in '{text}' is not of the form name or name(role).");
        }

        return (name[..open], name[(open + 1)..^1]);
    }

    private string? TryAdd(Resource resource)
    {
        if (string.IsNullOrEmpty(resource.Name))
        {
            return "Empty resource name";
        }

        var quantity = Quantity((resource.Name, RoleOf(resource)), resource.Type);
        if (quantity.Type != resource.Type)
        {
            return $"Resource '{resource.Name}' is given with two different types";
        }

        switch (resource.Type)
        {
            case Value.Types.Type.Scalar when resource.Scalar is { } scalar && scalar.Value >= 0 && double.IsFinite(scalar.Value):
                quantity.AddScalar(scalar.Value);
                return null;
            case Value.Types.Type.Ranges when resource.Ranges is { } ranges && ranges.Range.All(r => r.Begin <= r.End):
                foreach (var range in ranges.Range)
                {
                    quantity.AddRange(range.Begin, range.End);
                }

                return null;
            case Value.Types.Type.Set when resource.Set is { } set:
                quantity.AddItems(set.Item);
                return null;
            default:
                return $"Invalid {resource.Type} resource '{resource.Name}'";
        }
    }

    private ResourceQuantity Quantity((string Name, string Role) key, Value.Types.Type type)
    {
        if (!_quantities.TryGetValue(key, out var quantity))
        {
            quantity = new ResourceQuantity(type);
            _quantities[key] = quantity;
        }

        return quantity;
    }
}
