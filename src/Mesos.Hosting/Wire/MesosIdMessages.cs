using Mesos.Hosting.Wire;

#pragma warning disable IDE0130 // The generated ID types live in Mesos.V1; these declarations join them there.
namespace Mesos.V1;

/// <summary>A framework's ID, assigned by the master on first subscription.</summary>
public sealed partial class FrameworkID : IMesosId;

/// <summary>An offer's ID.</summary>
public sealed partial class OfferID : IMesosId;

/// <summary>An agent's ID.</summary>
public sealed partial class AgentID : IMesosId;

/// <summary>A task's ID, chosen by the framework.</summary>
public sealed partial class TaskID : IMesosId;

/// <summary>An executor's ID, chosen by the framework.</summary>
public sealed partial class ExecutorID : IMesosId;

/// <summary>A container's ID, chosen by the agent.</summary>
public sealed partial class ContainerID : IMesosId;

/// <summary>A resource provider's ID.</summary>
public sealed partial class ResourceProviderID : IMesosId;

/// <summary>An offer operation's ID, chosen by the framework.</summary>
public sealed partial class OperationID : IMesosId;
