using System.Net;
using Mesos.Hosting.Connection;
using Mesos.V1;
using Microsoft.Extensions.Logging.Abstractions;
using static Mesos.Hosting.ZooKeeper.Tests.TestClients;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>The scheduler's ZooKeeper master detector against a real server, masters played by nodes the test writes.</summary>
[Collection(SharedServer.Name)]
public sealed class MasterDetectorTests(ZooKeeperServerFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_lowest_json_info_node_leads_and_when_it_goes_the_next_leads_at_once()
    {
        await using var masters = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("mesos");
        await masters.EnsurePathAsync(path, ZooKeeperAcl.OpenUnsafe, None);
        await Publish(masters, $"{path}/json.info_0000000005", Master("10.0.0.5", 5055));
        await Publish(masters, $"{path}/json.info_0000000003", Master("10.0.0.3", 5053));
        await masters.CreateAsync(path + "/log_replicas", ReadOnlyMemory<byte>.Empty, ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        await using var detector = Detector(path);

        var leader = await Eventually.Within(detector.DetectAsync(null, None).AsTask(), "a leader");
        Assert.Equal(new Uri("http://10.0.0.3:5053/"), leader);
        Assert.True(detector.IsKnownMaster(new Uri("http://10.0.0.3:5053/")));
        Assert.False(detector.IsKnownMaster(new Uri("http://10.0.0.9:5050/")));
        var changed = detector.LeaderChangedAsync(leader, None);
        Assert.False(changed.IsCompleted);

        await masters.DeleteAsync($"{path}/json.info_0000000003", -1, None);

        await Eventually.Within(changed.ContinueWith(_ => true, TaskScheduler.Default), "the change of leader");
        Assert.Equal(new Uri("http://10.0.0.5:5055/"), await detector.DetectAsync(leader, None));
    }

    [Fact]
    public async Task A_leader_whose_node_cannot_be_read_as_a_master_is_no_leader_and_nothing_crashes()
    {
        await using var masters = await ConnectAsync(fixture.Server.EndPoint);
        var path = UniquePath("mesos");
        await masters.EnsurePathAsync(path, ZooKeeperAcl.OpenUnsafe, None);
        await masters.CreateAsync($"{path}/json.info_0000000001", Bytes("{not json"), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);
        await using var detector = Detector(path);

        var detecting = detector.DetectAsync(null, None).AsTask();
        await Eventually.Until(() => detector.Leader is null && !detecting.IsCompleted, "the detector to have read the broken leader");
        await Publish(masters, $"{path}/json.info_0000000002", Master("10.0.0.2", 5052));
        Assert.False(detecting.IsCompleted, "a broken leader's follower does not lead while it is there");

        await masters.DeleteAsync($"{path}/json.info_0000000001", -1, None);

        Assert.Equal(new Uri("http://10.0.0.2:5052/"), await Eventually.Within(detecting, "the next leader"));
    }

    [Fact]
    public async Task A_masters_address_is_read_from_its_address_its_pid_or_its_network_order_ip()
    {
        Assert.Equal(new Uri("https://10.1.2.3:5050/"), MasterAddress.From(new MasterInfo { Id = "a", Ip = 0, Port = 1, Address = new Address { Ip = "10.1.2.3", Port = 5050 } }, "https", out _));
        Assert.Equal(new Uri("http://10.1.2.4:5051/"), MasterAddress.From(new MasterInfo { Id = "b", Ip = 0, Port = 1, Pid = "master@10.1.2.4:5051" }, "http", out _));
        Assert.Equal(new Uri("http://127.0.0.1:5050/"), MasterAddress.From(new MasterInfo { Id = "c", Ip = 16777343, Port = 5050 }, "http", out _));
        Assert.Null(MasterAddress.From(new MasterInfo { Id = "d", Ip = 1, Port = 0 }, "http", out var problem));
        Assert.Contains("names no usable address", problem, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private ZooKeeperMasterDetector Detector(string path)
        => new(ZooKeeperConnectionString.Parse($"zk://{fixture.Server.ConnectString}{path}"), "http", TimeProvider.System, NullLoggerFactory.Instance);

    private static Task<string> Publish(ZooKeeperClient client, string node, MasterInfo master)
        => client.CreateAsync(node, MasterInfoJson.Write(master), ZooKeeperAcl.OpenUnsafe, ZooKeeperCreateMode.Persistent, None);

    private static MasterInfo Master(string ip, int port) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Ip = BitConverter.ToUInt32(IPAddress.Parse(ip).GetAddressBytes()),
        Port = (uint)port,
        Hostname = ip,
        Pid = $"master@{ip}:{port}",
        Address = new Address { Ip = ip, Port = port, Hostname = ip },
    };
}
