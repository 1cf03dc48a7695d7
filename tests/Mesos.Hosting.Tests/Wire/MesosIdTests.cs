using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Wire;

public sealed class MesosIdTests
{
    [Fact]
    public void Ids_are_built_from_their_text()
    {
        Assert.Equal("t-1", MesosId.Of<TaskID>("t-1").Value);
        Assert.Equal("a", MesosId.Of<AgentID>("a").Value);
    }

    [Fact]
    public void An_empty_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MesosId.Of<TaskID>(string.Empty));
    }

    [Fact]
    public void Master_assigned_ids_follow_the_masters_formats()
    {
        const string master = "6da1fbe3-641e-49be-a75a-86e26dd2a291";

        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-0004", MesosId.FrameworkText(master, 4));
        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-S0", MesosId.AgentText(master, 0));
        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-O35", MesosId.OfferText(master, 35));
    }
}
