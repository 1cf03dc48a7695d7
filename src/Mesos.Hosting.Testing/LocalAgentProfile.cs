namespace Mesos.Hosting.Testing;

/// <summary>
/// What makes one agent of a <see cref="LocalMesosCluster"/> differ from the others, so that placement can be tested
/// against offers shaped as a real cluster's: its hostname, its attributes, its resources.
/// </summary>
public sealed record LocalAgentProfile
{
    /// <summary>
    /// The hostname the agent reports (offers carry it, hostname constraints see it); it still listens on the cluster's
    /// address. Unset: the cluster's address.
    /// </summary>
    public string? Hostname { get; init; }

    /// <summary>Attributes in Mesos's agent flag syntax: <c>rack:r1;zone:a;cores:8;slots:[1-4];tags:{ssd,gpu}</c>.</summary>
    public string? Attributes { get; init; }

    /// <summary>
    /// Resources in the agent flag syntax, static reservations as <c>name(role)</c>:
    /// <c>cpus:4;mem:8192;cpus(web):2;ports:[31000-31999]</c>. Unset: the cluster's <see cref="LocalMesosClusterOptions.AgentResources"/>.
    /// </summary>
    public string? Resources { get; init; }
}
