using System.Text;
using System.Text.Json;
using Mesos.V1;

namespace Mesos.Hosting.ZooKeeper.Tests;

public sealed class MasterInfoJsonTests
{
    [Fact]
    public void A_masters_node_data_is_read_ignoring_fields_this_sdk_does_not_know()
    {
        const string json = """
            {"id":"a1b2","ip":16777343,"port":5050,"pid":"master@127.0.0.1:5050","hostname":"m1","version":"1.11.0",
             "address":{"hostname":"m1","ip":"127.0.0.1","port":5050},
             "capabilities":[{"type":"AGENT_UPDATE"},{"type":"QUOTA_V2"}],"some_future_field":{"x":1}}
            """;

        var master = MasterInfoJson.Parse(Encoding.UTF8.GetBytes(json), "/mesos/json.info_0000000003");

        Assert.Equal("a1b2", master.Id);
        Assert.Equal(16777343u, master.Ip);
        Assert.Equal("m1", master.Hostname);
        Assert.Equal("127.0.0.1", master.Address.Ip);
        Assert.Equal(5050, master.Address.Port);
        Assert.Equal([MasterInfo.Types.Capability.Types.Type.AgentUpdate, MasterInfo.Types.Capability.Types.Type.QuotaV2], master.Capabilities.Select(c => c.Type));
    }

    [Theory]
    [InlineData("not json", "does not hold a master's MasterInfo")]
    [InlineData("", "does not hold a master's MasterInfo")]
    [InlineData("{\"ip\":16777343,\"port\":5050}", "id")]
    [InlineData("{\"id\":\"x\",\"ip\":\"not a number\",\"port\":5050}", "does not hold a master's MasterInfo")]
    public void Malformed_data_fails_naming_the_node(string json, string problem)
    {
        var refused = Assert.Throws<InvalidDataException>(() => MasterInfoJson.Parse(Encoding.UTF8.GetBytes(json), "/mesos/json.info_0000000009"));

        Assert.Contains("/mesos/json.info_0000000009", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_master_writes_uses_proto_field_names_and_reads_back()
    {
        var master = new MasterInfo
        {
            Id = "id-1",
            Ip = 16777343,
            Port = 5050,
            Pid = "master@127.0.0.1:5050",
            Hostname = "localhost",
            Address = new Address { Hostname = "localhost", Ip = "127.0.0.1", Port = 5050 },
        };

        var written = MasterInfoJson.Write(master);
        using var document = JsonDocument.Parse(written);

        Assert.Equal(16777343, document.RootElement.GetProperty("ip").GetInt64());
        Assert.Equal("master@127.0.0.1:5050", document.RootElement.GetProperty("pid").GetString());
        Assert.Equal("127.0.0.1", document.RootElement.GetProperty("address").GetProperty("ip").GetString());
        Assert.Equal(master, MasterInfoJson.Parse(written, "/mesos/json.info_0000000001"));
    }
}
