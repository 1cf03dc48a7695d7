namespace Mesos.Hosting.Placement;

/// <summary>A request no offer could take this time, and why (<c>no offer satisfies hostname:UNIQUE</c>, <c>insufficient cpus ...</c>).</summary>
/// <param name="Request">The request, to try again with the next offers.</param>
/// <param name="Reason">Why it was not placed.</param>
public sealed record PendingRequest(TaskRequest Request, string Reason);
