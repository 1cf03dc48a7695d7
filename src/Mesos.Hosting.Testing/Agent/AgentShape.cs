using Mesos.Hosting.Testing.Resources;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>One agent's hostname, attributes and resources, parsed from the options before anything starts.</summary>
internal sealed record AgentShape(string? Hostname, IReadOnlyList<Mesos.V1.Attribute> Attributes, ResourceBag Resources)
{
    /// <summary>Every agent's shape: its profile where it has one, else the cluster's resources. Names the profile that does not parse.</summary>
    public static List<AgentShape> Of(LocalMesosClusterOptions options)
    {
        var plain = ResourceBag.Parse(options.AgentResources);
        var shapes = new List<AgentShape>(options.Agents);
        for (var i = 0; i < options.Agents; i++)
        {
            var profile = i < options.AgentProfiles.Count ? options.AgentProfiles[i] : new LocalAgentProfile();
            try
            {
                shapes.Add(new AgentShape(profile.Hostname, AgentAttributes.Parse(profile.Attributes), profile.Resources is { } own ? ResourceBag.Parse(own) : plain.Clone()));
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"{nameof(LocalMesosClusterOptions.AgentProfiles)}[{i}]: {ex.Message}", nameof(options), ex);
            }
        }

        return shapes;
    }
}
