using Mesos.Hosting.Testing.Master;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The IDs the local master assigns have the forms a Mesos master gives them.</summary>
public sealed class MasterIdsTests
{
    [Fact]
    public void Master_assigned_ids_follow_the_masters_formats()
    {
        const string master = "6da1fbe3-641e-49be-a75a-86e26dd2a291";

        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-0004", MasterIds.Framework(master, 4));
        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-S0", MasterIds.Agent(master, 0));
        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-O35", MasterIds.Offer(master, 35));
    }
}
