using Mesos.Hosting.Resources;
using Mesos.V1;
using MesosAttribute = Mesos.V1.Attribute;

namespace Mesos.Hosting.Placement;

/// <summary>
/// One constraint field across the agents of a match: each agent's value, as typed and as text, and
/// each distinct text interned to a small number, so counting tasks per value is array indexing.
/// </summary>
internal sealed class FieldValues
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public FieldValues(string field, IReadOnlyList<Offer> agents)
    {
        Field = field;
        ByAgent = new int[agents.Count];
        Typed = new MesosAttribute?[agents.Count];
        for (var agent = 0; agent < agents.Count; agent++)
        {
            var value = Resolve(field, agents[agent].Hostname, agents[agent].Attributes, agents[agent].Domain);
            Typed[agent] = value;
            ByAgent[agent] = value is null ? -1 : Intern(ResourceText.FormatAttribute(value));
        }
    }

    public string Field { get; }

    /// <summary>Each agent's value ID; -1 when the agent lacks the field.</summary>
    public int[] ByAgent { get; }

    /// <summary>Each agent's value, typed (hostname and domain read as text).</summary>
    public MesosAttribute?[] Typed { get; }

    public int Count => _ids.Count;

    /// <summary>The text of a value ID, as LIKE and UNLIKE match it.</summary>
    public string Text(int id) => _texts[id];

    /// <summary>The value ID of a running task's agent, adding values no offered agent has.</summary>
    public int IdOf(TaskPlacement placement)
    {
        var value = Resolve(Field, placement.Hostname, placement.Attributes, placement.Domain);
        return value is null ? -1 : Intern(ResourceText.FormatAttribute(value));
    }

    private static MesosAttribute? Resolve(string field, string hostname, IEnumerable<MesosAttribute> attributes, DomainInfo? domain)
    {
        var text = field switch
        {
            PlacementConstraint.Hostname or "@hostname" => hostname,
            "@region" => domain?.FaultDomain?.Region?.Name,
            "@zone" => domain?.FaultDomain?.Zone?.Name,
            _ => null,
        };
        if (text is not null)
        {
            return new MesosAttribute { Name = field, Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = text } };
        }

        return field.StartsWith('@') ? null : attributes.FirstOrDefault(a => a.Name == field);
    }

    private int Intern(string text)
    {
        if (!_ids.TryGetValue(text, out var id))
        {
            id = _ids.Count;
            _ids.Add(text, id);
            _texts.Add(text);
        }

        return id;
    }
}
