using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The faults a test can inject, each observed from the client's side.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Stopped_heartbeats_leave_the_stream_open_and_silent_until_resumed()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0, HeartbeatInterval = TimeSpan.FromMilliseconds(100) });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        await stream.NextAsync(Event.Types.Type.Heartbeat);

        cluster.StopHeartbeats();
        var quiet = !await stream.ArrivesWithinAsync(TimeSpan.FromMilliseconds(300), _ => true)
            || !await stream.ArrivesWithinAsync(TimeSpan.FromMilliseconds(600), _ => true);

        Assert.True(quiet);
        Assert.False(stream.Ended.IsCompleted);
        cluster.ResumeHeartbeats();
        await stream.NextAsync(Event.Types.Type.Heartbeat);
    }

    [Fact]
    public async Task Dropped_calls_close_the_connection_unanswered_and_are_not_processed()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        await scheduler.SubscribeAsync(RawScheduler.Framework());
        cluster.DropSchedulerCalls(1, call => call.Type == Call.Types.Type.Teardown);

        await Assert.ThrowsAsync<HttpRequestException>(() => scheduler.CallAsync(new Call { Type = Call.Types.Type.Teardown }));

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Revive });
        Assert.DoesNotContain(cluster.Journal.SchedulerCalls, c => c.Call.Type == Call.Types.Type.Teardown);
    }

    [Fact]
    public async Task Delayed_calls_are_answered_after_the_delay()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0, TimeProvider = time });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        cluster.DelaySchedulerCalls(TimeSpan.FromMinutes(5), count: 1);
        var endpoint = new Uri(cluster.MasterUri, "api/v1/scheduler");

        var answer = http.SendAsync(RawScheduler.Request(endpoint, Encoding.UTF8.GetBytes("""{"type":"REVIVE","framework_id":{"value":"x"}}"""), MesosContentTypes.Json));
        await cluster.Journal.WaitForAsync(j => j.HeldSchedulerCalls.Count == 1, TimeSpan.FromSeconds(20), "the call to be held").WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(answer.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(5));

        using var response = await answer;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Framework cannot be found", await response.Content.ReadAsStringAsync());
    }
}
