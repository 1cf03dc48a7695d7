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
}
