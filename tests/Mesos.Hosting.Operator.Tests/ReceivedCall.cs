namespace Mesos.Hosting.Operator.Tests;

/// <summary>A call as the fake endpoint received it: decoded, with the headers that matter and the raw body.</summary>
internal sealed record ReceivedCall<TCall>(TCall Call, string ContentType, string Accept, string? Authorization, string Body);
