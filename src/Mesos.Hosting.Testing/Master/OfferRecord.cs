using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>An outstanding offer: resources of one agent allocated to one framework role.</summary>
internal sealed record OfferRecord(string Id, FrameworkRecord Framework, LocalAgent Agent, string Role, ResourceBag Resources, Offer Message);
