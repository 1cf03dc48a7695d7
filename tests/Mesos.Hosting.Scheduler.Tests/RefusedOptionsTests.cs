using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Hosting;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>Options refused at start: every problem one Critical line naming the key, nothing sent, exit code 2.</summary>
public sealed class RefusedOptionsTests
{
    [Theory]
    [InlineData(null, "Mesos:Scheduler:Masters: no master is configured")]
    [InlineData("not a url", "Mesos:Scheduler:Master: 'not a url' is not an absolute http or https URL")]
    [InlineData("ftp://jane:topsecret@master:5050", "Mesos:Scheduler:Master: 'ftp://jane:***@master:5050' is not an absolute http or https URL")]
    public async Task Bad_masters_stop_the_host_at_start_naming_the_key(string? master, string expected)
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });

        var lines = await RefusedAtStartAsync(cluster, o => o.Master = master);

        Assert.Contains(lines, l => l.StartsWith("Critical Mesos.Hosting.Scheduler: Invalid configuration: " + expected, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("topsecret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_timeouts_and_roles_are_each_one_line_naming_the_key()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });

        var lines = await RefusedAtStartAsync(cluster, o =>
        {
            o.Framework.FailoverTimeout = TimeSpan.FromSeconds(-1);
            o.ReconnectInitialDelay = TimeSpan.FromSeconds(-2);
            o.Framework.Roles = ["analytics", "batch"];
            o.Framework.Capabilities = ["PARTITION_AWARE", "TELEPORTATION"];
        });

        const string Prefix = "Critical Mesos.Hosting.Scheduler: Invalid configuration: ";
        Assert.Equal(
            [
                Prefix + "Mesos:Scheduler:Framework:Capabilities: 'TELEPORTATION' is not a Mesos framework capability.",
                Prefix + "Mesos:Scheduler:Framework:Roles: roles [analytics, batch] need MULTI_ROLE in Mesos:Scheduler:Framework:Capabilities.",
                Prefix + "Mesos:Scheduler:Framework:FailoverTimeout: '-1 s' must not be negative.",
                Prefix + "Mesos:Scheduler:ReconnectInitialDelay: '-2 s' must be positive.",
                "Critical Mesos.Hosting.Scheduler: The Mesos scheduler did not start: 4 configuration problem(s); the process exits with code 2",
            ],
            lines.Where(l => l.StartsWith("Critical", StringComparison.Ordinal)));
    }

    // Starts a host whose options are refused; what it logged, once it stopped by itself with exit code 2.
    private static async Task<List<string>> RefusedAtStartAsync(LocalMesosCluster cluster, Action<MesosSchedulerOptions> configure)
    {
        var logs = new LogSink();
        using var host = SchedulerHost.Build(cluster, new SchedulerRecorder(0), configure, logs: logs);
        await RefusedStart.StopsByItselfWithExitCode2Async(host);
        Assert.Empty(cluster.Journal.SchedulerCalls);
        return logs.Lines.Snapshot();
    }
}
