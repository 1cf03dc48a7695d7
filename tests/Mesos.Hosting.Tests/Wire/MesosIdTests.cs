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

    // Mesos's master refuses these, in these words, as task, executor, agent and framework IDs.
    [Theory]
    [InlineData("", "ID must not be empty")]
    [InlineData(".", "'.' is disallowed")]
    [InlineData("..", "'..' is disallowed")]
    [InlineData("a/b", "'a/b' contains invalid characters")]
    [InlineData("a\\b", "'a\\b' contains invalid characters")]
    [InlineData("tab\there", "'tab\there' contains invalid characters")]
    [InlineData("del\u007f", "'del\u007f' contains invalid characters")]
    public void Ids_agents_cannot_make_directories_of_are_refused_in_Mesos_s_words(string id, string refusal)
        => Assert.Equal(refusal, MesosId.Validate(id));

    [Fact]
    public void An_id_is_limited_to_255_bytes_of_utf8()
    {
        Assert.Null(MesosId.Validate(new string('x', 255)));
        Assert.Equal("ID must not be greater than 255 characters", MesosId.Validate(new string('x', 256)));
        Assert.NotNull(MesosId.Validate(new string('é', 128)));
    }

    [Theory]
    [InlineData("web-0.attempt-1.3f2a9c1d")]
    [InlineData("...")]
    [InlineData("tâche ünicode")]
    public void Other_ids_are_taken(string id)
        => Assert.Null(MesosId.Validate(id));
}
