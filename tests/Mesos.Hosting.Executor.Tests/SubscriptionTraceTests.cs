using System.Diagnostics;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.OpenTelemetry;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>A lost subscription as OpenTelemetry sees it: a reconnect span holding each SUBSCRIBE attempt, with its outcome.</summary>
[Collection(nameof(TelemetryListeners))]
public sealed class SubscriptionTraceTests
{
    [Fact]
    public async Task A_reconnection_is_one_span_whose_children_are_the_subscribe_attempts_failed_and_successful()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddMesosInstrumentation().AddInMemoryExporter(spans).Build();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMesosScheduler<IdleScheduler>(o =>
        {
            o.Master = cluster.MasterUri.ToString();
            o.Framework.Name = "reconnecting";
            o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(100);
            o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var driver = host.Services.GetRequiredService<SchedulerDriver>();
        await WaitForAsync(() => driver.IsSubscribed && driver.FrameworkId is not null, "the first subscription");
        var frameworkId = driver.FrameworkId!.Value;

        // The master drops the stream and answers 503 for a while: the first attempts fail, a later one succeeds. The
        // while is long enough for attempts to fail even when this process's thread pool, just after another test,
        // starts the driver's reconnection a second late (as seen: at +970 ms, which a 1 s window missed).
        cluster.AnswerUnavailableFor(TimeSpan.FromSeconds(3));
        Assert.True(cluster.DropFrameworkStream(frameworkId));
        await WaitForAsync(() => driver.SubscribeAttempts >= 3 && driver.IsSubscribed, "a resubscription after failed attempts");
        await host.StopAsync();
        tracing.ForceFlush();

        var reconnect = Assert.Single(spans, s => s.OperationName == MesosTracing.SchedulerReconnect);
        var attempts = spans.Where(s => s.OperationName == MesosTracing.SchedulerSubscribe && s.ParentSpanId == reconnect.SpanId).ToList();
        Assert.Equal(Enumerable.Range(1, attempts.Count), attempts.Select(a => (int)a.GetTagItem("mesos.subscribe.attempt")!));
        Assert.All(attempts[..^1], a => Assert.Equal(("unavailable", ActivityStatusCode.Error, "Mesos.Hosting.MesosUnavailableException"), ((string?)a.GetTagItem("mesos.outcome"), a.Status, (string?)a.GetTagItem("error.type"))));
        Assert.Equal(("subscribed", frameworkId), ((string?)attempts[^1].GetTagItem("mesos.outcome"), (string?)attempts[^1].GetTagItem("mesos.framework.id")));
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempts");
        Assert.Equal(("subscribed", attempts.Count), ((string?)reconnect.GetTagItem("mesos.outcome"), (int?)reconnect.GetTagItem("mesos.subscribe.attempt")));
        Assert.False(string.IsNullOrEmpty((string?)reconnect.GetTagItem("mesos.reason")));

        // The first subscription was no reconnection: a root span of its own.
        var first = spans.First(s => s.OperationName == MesosTracing.SchedulerSubscribe);
        Assert.Equal((default, "subscribed", 1), (first.ParentSpanId, (string?)first.GetTagItem("mesos.outcome"), (int?)first.GetTagItem("mesos.subscribe.attempt")));
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }
        }
    }

    private sealed class IdleScheduler : MesosScheduler;
}
