using System.Net;
using Mesos.Hosting.TestSupport.ZooKeeper;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.ZooKeeper.Tests;

public sealed class ZooKeeperBackoffTests
{
    [Fact]
    public void Pauses_double_from_the_first_up_to_the_bound_each_drawn_from_the_upper_half()
    {
        var backoff = new ZooKeeperBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), new Random(7));

        var ceilings = new[] { 100, 200, 400, 800, 1000, 1000, 1000 };
        foreach (var ceiling in ceilings)
        {
            var pause = backoff.Next().TotalMilliseconds;
            Assert.InRange(pause, ceiling / 2.0, ceiling);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }

    [Fact]
    public async Task When_no_server_answers_each_round_tries_every_server_once_then_pauses_on_the_clock_given()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<ZooKeeperClient>();
        var ports = FreePorts.Take(2);
        var options = new ZooKeeperClientOptions
        {
            Servers = [new DnsEndPoint("127.0.0.1", ports[0]), new DnsEndPoint("127.0.0.1", ports[1])],
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        };
        await using var client = new ZooKeeperClient(options, time, logger);

        var ceilings = new[] { 100, 200, 400, 500, 500 };
        for (var round = 1; round <= ceilings.Length; round++)
        {
            await Eventually.Until(() => logger.Named("NoServerAnswered").Count == round, $"round {round} ends in a pause");

            // Exactly one attempt per server per round: nothing tries again until the clock moves.
            Assert.Equal(2 * round, logger.Named("ServerUnreachable").Count);
            // The log gives the pause in human form, rounded to a tenth of its unit: hence the tolerance.
            var pause = Milliseconds((string)logger.Named("NoServerAnswered")[round - 1].Values["Delay"]!);
            Assert.InRange(pause, (ceilings[round - 1] / 2.0) - 0.1, ceilings[round - 1] + 0.1);
            Assert.Equal(ZooKeeperState.Connecting, client.State);
            time.Advance(TimeSpan.FromMilliseconds(ceilings[round - 1]));
        }

        var attempted = logger.Named("Connecting").Select(entry => ((DnsEndPoint)entry.Values["Server"]!).Port).ToList();
        Assert.Equal(ports.Order(), attempted.Take(2).Order());
        Assert.Equal(attempted.Take(2), attempted.Skip(2).Take(2));
    }

    private static double Milliseconds(string human) => human.EndsWith(" ms", StringComparison.Ordinal)
        ? double.Parse(human[..^3], System.Globalization.CultureInfo.InvariantCulture)
        : double.Parse(human[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1000;
}
