namespace Mesos.Hosting.Templates.Tests;

/// <summary>The test classes that instantiate the template share one packing of it, which takes minutes.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPackedTemplate : ICollectionFixture<PackedTemplate>
{
    public const string Name = "packed template";
}
