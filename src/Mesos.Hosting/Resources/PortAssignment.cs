namespace Mesos.Hosting.Resources;

/// <summary>Ports taken from an offer: the numbers, lowest first, and the concrete <c>ports</c> resources to put in a task.</summary>
/// <param name="Numbers">The port numbers taken, in ascending order.</param>
/// <param name="Resources">The <c>ports</c> resources holding them, with the reservations and allocation of the ranges they came from.</param>
public sealed record PortAssignment(IReadOnlyList<ulong> Numbers, ResourceSet Resources);
