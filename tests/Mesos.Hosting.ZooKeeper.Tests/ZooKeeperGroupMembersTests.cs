namespace Mesos.Hosting.ZooKeeper.Tests;

public sealed class ZooKeeperGroupMembersTests
{
    [Theory]
    [InlineData("json.info_0000000003", "json.info", 3)]
    [InlineData("info_0000000010", "info", 10)]
    [InlineData("0000000004", null, 4)]
    [InlineData("a_b_0000000002", "a", 2)]
    public void Members_are_named_label_then_sequence(string name, string? label, int sequence) =>
        Assert.Equal(new ZooKeeperGroupMember(name, label, sequence), ZooKeeperGroupMember.TryParse(name));

    [Theory]
    [InlineData("log_replicas")]
    [InlineData("json.info_")]
    [InlineData("config")]
    [InlineData("json.info_12ab")]
    public void Other_children_are_not_members(string name) => Assert.Null(ZooKeeperGroupMember.TryParse(name));

    [Fact]
    public void The_leader_is_the_lowest_sequence_among_the_members_of_the_label()
    {
        var members = ZooKeeperGroupMembers.From(["json.info_0000000005", "log_replicas", "info_0000000001", "json.info_0000000003"]);

        Assert.Equal(["info_0000000001", "json.info_0000000003", "json.info_0000000005"], members.Members.Select(m => m.Name));
        Assert.Equal(3, members.Leader("json.info")?.Sequence);
        Assert.Equal(1, members.Leader()?.Sequence);
        Assert.Null(members.Leader("scheduler"));
        Assert.Equal(ZooKeeperGroupMembers.From(["json.info_0000000003", "info_0000000001", "json.info_0000000005"]), members);
        Assert.NotEqual(ZooKeeperGroupMembers.From(["json.info_0000000005"]), members);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with_underscore")]
    [InlineData("with/slash")]
    public void Labels_that_would_not_parse_back_are_refused(string label) =>
        Assert.Throws<ArgumentException>(() => ZooKeeperGroupMember.ValidateLabel(label));
}
