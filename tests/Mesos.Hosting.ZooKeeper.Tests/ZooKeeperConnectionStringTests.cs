namespace Mesos.Hosting.ZooKeeper.Tests;

public sealed class ZooKeeperConnectionStringTests
{
    [Fact]
    public void A_url_with_credentials_several_servers_and_a_path_is_parsed_as_Mesos_parses_it()
    {
        var url = ZooKeeperConnectionString.Parse("  zk://jane:p@ss:word@zk1.example.com:2181,10.0.0.2:2182,zk3/mesos/prod  ");

        Assert.Equal(new ZooKeeperCredentials("jane", "p@ss:word"), url.Credentials);
        Assert.Equal([("zk1.example.com", 2181), ("10.0.0.2", 2182), ("zk3", 2181)], url.Servers.Select(s => (s.Host, s.Port)));
        Assert.Equal("/mesos/prod", url.Path);
        Assert.Equal("zk://jane:***@zk1.example.com:2181,10.0.0.2:2182,zk3:2181/mesos/prod", url.ToString());
    }

    [Theory]
    [InlineData("zk://h:2181", "/")]
    [InlineData("zk://h:2181/", "/")]
    [InlineData("zk://h:2181/mesos/", "/mesos")]
    [InlineData("zk://[::1]:2181/mesos", "/mesos")]
    public void The_path_is_everything_from_the_first_slash(string text, string path)
    {
        var url = ZooKeeperConnectionString.Parse(text);

        Assert.Equal(path, url.Path);
        Assert.Null(url.Credentials);
    }

    [Fact]
    public void The_root_path_is_refused_for_master_detection()
    {
        var root = ZooKeeperConnectionString.Parse("zk://h:2181/");

        var refused = Assert.Throws<FormatException>(root.ValidateForMasterDetection);

        Assert.Contains("path must not be /", refused.Message, StringComparison.Ordinal);
        ZooKeeperConnectionString.Parse("zk://h:2181/mesos").ValidateForMasterDetection();
    }

    [Theory]
    [InlineData("http://h:2181/mesos", "must start with zk://")]
    [InlineData("zk:///mesos", "names no server")]
    [InlineData("zk://h1,,h2/mesos", "server 2 is empty")]
    [InlineData("zk://h:abc/mesos", "invalid port 'abc'")]
    [InlineData("zk://h:70000/mesos", "invalid port '70000'")]
    [InlineData("zk://h:/mesos", "invalid port ''")]
    [InlineData("zk://bad host:2181/mesos", "invalid host name 'bad host'")]
    [InlineData("zk://:secret@h:2181/mesos", "user:password")]
    [InlineData("zk://nocolon@h:2181/mesos", "user:password")]
    [InlineData("zk://h:2181/mesos//masters", "empty node name")]
    [InlineData("zk://h:2181/mesos/../x", "relative names")]
    public void A_malformed_url_names_what_is_wrong(string text, string problem)
    {
        var refused = Assert.Throws<FormatException>(() => ZooKeeperConnectionString.Parse(text));

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_show_the_password()
    {
        var refused = Assert.Throws<FormatException>(() => ZooKeeperConnectionString.Parse("zk://jane:topsecret@h:notaport/mesos"));
        var unparsable = Assert.Throws<FormatException>(() => ZooKeeperConnectionString.Parse("http://jane:topsecret@h:2181/mesos"));

        Assert.DoesNotContain("topsecret", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", unparsable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", new ZooKeeperCredentials("jane", "topsecret").ToString(), StringComparison.Ordinal);
    }
}
