using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>Agents shaped by profiles: their hostname, typed attributes and static reservations reach offers as Mesos sends them.</summary>
public sealed class AgentProfileTests
{
    [Fact]
    public async Task An_agents_offer_carries_its_hostname_attributes_and_reserved_resources()
    {
        var profile = new LocalAgentProfile { Hostname = "node-7", Attributes = "rack:r2;cores:8;slots:[1-4,8-9];tags:{ssd,gpu}", Resources = "cpus:2;mem:1024;cpus(web):1" };
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2, AgentProfiles = [profile], Roles = ["web", "*"] });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var info = RawScheduler.Framework(capabilities: FrameworkInfo.Types.Capability.Types.Type.MultiRole);
        info.Roles.Add("web");
        var subscription = await scheduler.SubscribeAsync(info);

        var offer = (await subscription.NextAsync(Event.Types.Type.Offers)).Offers.Offers_.Single(o => o.AgentId.Value == cluster.AgentIds[0]);

        Assert.Equal("node-7", offer.Hostname);
        Assert.Equal(["rack", "cores", "slots", "tags"], offer.Attributes.Select(a => a.Name));
        Assert.Equal("r2", offer.Attributes[0].Text.Value);
        Assert.Equal(8, offer.Attributes[1].Scalar.Value);
        Assert.Equal([(1UL, 4UL), (8UL, 9UL)], offer.Attributes[2].Ranges.Range.Select(r => (r.Begin, r.End)));
        Assert.Equal(["ssd", "gpu"], offer.Attributes[3].Set.Item);
        var reserved = Assert.Single(offer.Resources, r => r.Role == "web");
        Assert.Equal(("cpus", 1d), (reserved.Name, reserved.Scalar.Value));
        Assert.Equal(2, offer.Resources.Single(r => r.Name == "cpus" && r.Role == "*").Scalar.Value);
    }

    [Fact]
    public async Task Agents_without_a_profile_are_plain()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2, AgentProfiles = [new LocalAgentProfile { Hostname = "node-0" }] });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var subscription = await scheduler.SubscribeAsync(RawScheduler.Framework());

        var offers = await subscription.NextAsync(TimeSpan.FromSeconds(10), e => e.Type == Event.Types.Type.Offers && e.Offers.Offers_.Any(o => o.AgentId.Value == cluster.AgentIds[1]));
        var plain = offers.Offers.Offers_.Single(o => o.AgentId.Value == cluster.AgentIds[1]);

        Assert.Equal("127.0.0.1", plain.Hostname);
        Assert.Empty(plain.Attributes);
    }

    [Theory]
    [InlineData("rack", null, "AgentProfiles[0]: Attribute 'rack' in 'rack' is not of the form name:value.")]
    [InlineData("slots:[4-1]", null, "AgentProfiles[0]: Attribute 'slots' in 'slots:[4-1]' has the range '4-1', which is not begin-end.")]
    [InlineData(null, "cpus", "AgentProfiles[0]: Resource 'cpus' in 'cpus' is not of the form name:value.")]
    public async Task A_profile_that_does_not_parse_is_refused_naming_it(string? attributes, string? resources, string message)
    {
        var options = new LocalMesosClusterOptions { Agents = 1, AgentProfiles = [new LocalAgentProfile { Attributes = attributes, Resources = resources }] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LocalMesosCluster.StartAsync(options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_profiles_than_agents_are_refused()
    {
        var options = new LocalMesosClusterOptions { Agents = 1, AgentProfiles = [new LocalAgentProfile(), new LocalAgentProfile()] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LocalMesosCluster.StartAsync(options));

        Assert.StartsWith("2 agent profiles for 1 agents", error.Message, StringComparison.Ordinal);
    }
}
