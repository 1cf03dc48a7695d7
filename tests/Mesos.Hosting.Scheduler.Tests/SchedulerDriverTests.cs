using System.Net;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>The scheduler SDK against LocalMesosCluster over real loopback HTTP, with real processes and real faults.</summary>
public sealed class SchedulerDriverTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    // Room for five tasks at a time per agent, so that a fault lands while most of the work is still to do.
    private const string SmallAgent = "cpus:0.5;mem:1024;disk:1000;ports:[31000-31100]";

    [Fact]
    public async Task A_thousand_tasks_on_three_agents_all_finish_with_every_update_acknowledged_after_its_handler()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 3 });
        var recorder = new SchedulerRecorder(1000);
        using var host = SchedulerHost.Build(cluster, recorder);

        await host.StartAsync();
        await Recovery.AllFinished(cluster, recorder);
        var frameworkId = host.Driver().FrameworkId!.Value;
        await cluster.Journal.WaitForAsync(j => j.Acknowledgements.Count(a => a.FrameworkId == frameworkId) == 3000, TimeSpan.FromSeconds(30), "3,000 acknowledgements");
        await host.StopAsync();

        Assert.Equal(1000, recorder.Final.Count);
        Assert.All(recorder.Final.Values, state => Assert.Equal(TaskState.TaskFinished, state));
        Assert.Equal(3, cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Accept).Select(c => c.Call.Accept.Operations[0].Launch.TaskInfos[0].AgentId.Value).Distinct().Count());
        SchedulerHost.AssertNoAcknowledgementBeforeItsHandler(cluster, recorder);
        Assert.Equal(1, host.Driver().SubscribeAttempts);
        Assert.DoesNotContain(cluster.Journal.SchedulerCalls, c => c.Call.Type == Call.Types.Type.Teardown);
    }

    [Fact]
    public async Task A_dropped_stream_is_resubscribed_under_the_same_framework_and_nothing_is_lost()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2, AgentResources = SmallAgent, StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500) });
        var recorder = new SchedulerRecorder(60, "sleep 0.3");
        using var host = SchedulerHost.Build(cluster, recorder);

        await host.StartAsync();
        await recorder.WaitAsync(() => recorder.Final.Count >= 10, "ten tasks ended");
        var frameworkId = host.Driver().FrameworkId!.Value;
        Assert.True(cluster.DropFrameworkStream(frameworkId));
        await Recovery.AllFinished(cluster, recorder);
        await recorder.WaitAsync(() => recorder.Reregistered >= 1, "reregistered");
        await host.StopAsync();

        Recovery.AssertRecovered(cluster, recorder, host, frameworkId, maxAttempts: 4);
        Assert.True(recorder.Disconnected >= 1);
    }

    [Fact]
    public async Task Silent_heartbeats_make_the_watchdog_reconnect()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var recorder = new SchedulerRecorder(0);
        using var host = SchedulerHost.Build(cluster, recorder, o => o.UnusedOfferRefuseSeconds = 3600);

        await host.StartAsync();
        await recorder.WaitAsync(() => recorder.OffersSeen > 0 && host.Driver().IsSubscribed, "offers on a live subscription");
        var frameworkId = host.Driver().FrameworkId!.Value;
        cluster.StopHeartbeats();
        await recorder.WaitAsync(() => recorder.Reregistered >= 1, "reregistered");
        cluster.ResumeHeartbeats();
        await host.StopAsync();

        Assert.Equal(frameworkId, host.Driver().FrameworkId!.Value);
        Assert.True(host.Driver().SubscribeAttempts <= 3, $"{host.Driver().SubscribeAttempts} subscribe attempts");
        Assert.Equal(1, recorder.Disconnected);
    }

    [Fact]
    public async Task A_slow_callback_does_not_trip_the_watchdog()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, HeartbeatInterval = TimeSpan.FromSeconds(1) });
        // The callback outlasts four watchdog windows (3 × 1 s each), and the buffer is full for the last five seconds
        // of it. The windows stay wide enough that a loaded machine's scheduling stalls cannot miss them on their own:
        // CI on a 2-core VM, with ten test projects beside this one, tripped windows of 0.75 s and of 1.5 s. If it still
        // trips, the failure carries the driver's log, which says why the session ended.
        var recorder = new SchedulerRecorder(0) { IgnoreOffers = true, OfferCallbackDuration = TimeSpan.FromSeconds(12) };
        var logs = new LogSink();
        using var host = SchedulerHost.Build(cluster, recorder, o =>
        {
            o.EventBufferCapacity = 2;
            o.HeartbeatMissesBeforeReconnect = 3;
        }, logs: logs);

        await host.StartAsync();
        await recorder.WaitAsync(() => recorder.OffersSeen > 0, "offers");
        await cluster.Journal.WaitForAsync(j => j.SchedulerCalls.Any(c => c.Call.Type == Call.Types.Type.Decline), TimeSpan.FromSeconds(30), "the decline after the slow callback");
        await host.StopAsync();

        Assert.True(recorder.Disconnected == 0, "The session ended:\n" + string.Join('\n', logs.Lines.Snapshot()));
        Assert.Equal(1, host.Driver().SubscribeAttempts);
    }

    [Fact]
    public async Task A_leader_failover_is_followed_through_307_and_503_to_the_new_leader()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Masters = 2, Agents = 2, AgentResources = SmallAgent, StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500) });
        var recorder = new SchedulerRecorder(40, "sleep 0.3");
        using var host = SchedulerHost.Build(cluster, recorder, o =>
        {
            o.Master = null;
            o.Masters = [.. cluster.MasterUris.Select(u => u.ToString())];
        });

        await host.StartAsync();
        await recorder.WaitAsync(() => recorder.Final.Count >= 5, "five tasks ended");
        var frameworkId = host.Driver().FrameworkId!.Value;
        await cluster.FailOverLeaderAsync(TimeSpan.FromMilliseconds(700));
        await Recovery.AllFinished(cluster, recorder);
        await recorder.WaitAsync(() => recorder.Reregistered >= 1, "reregistered");
        await host.StopAsync();

        Assert.Equal(1, cluster.LeaderIndex);
        Recovery.AssertRecovered(cluster, recorder, host, frameworkId, maxAttempts: 12);
    }

    [Fact]
    public async Task A_restarted_scheduler_process_resumes_its_framework_from_the_id_file()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2, AgentResources = SmallAgent, StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(500) });
        var idFile = Path.Combine(cluster.WorkDirectory, "scheduler", "framework-id");
        var recorder = new SchedulerRecorder(40, "sleep 0.3");
        string frameworkId;
        using (var first = SchedulerHost.Build(cluster, recorder, o => o.FrameworkIdFile = idFile))
        {
            await first.StartAsync();
            await recorder.WaitAsync(() => recorder.Final.Count >= 5, "five tasks ended");
            frameworkId = first.Driver().FrameworkId!.Value;
            await first.StopAsync();
        }

        Assert.Equal(frameworkId, (await File.ReadAllTextAsync(idFile)).Trim());
        using var second = SchedulerHost.Build(cluster, recorder, o => o.FrameworkIdFile = idFile);
        await second.StartAsync();
        await Recovery.AllFinished(cluster, recorder);
        await second.StopAsync();

        Assert.Equal(frameworkId, second.Driver().FrameworkId!.Value);
        Assert.Equal(2, recorder.Registered);
        Assert.All(recorder.Final.Values, state => Assert.Equal(TaskState.TaskFinished, state));
        Assert.DoesNotContain(cluster.Journal.SchedulerCalls, c => c.Call.Type == Call.Types.Type.Teardown);
        SchedulerHost.AssertNoAcknowledgementBeforeItsHandler(cluster, recorder);
        Assert.True(second.Driver().SubscribeAttempts <= 2);
    }

    [Fact]
    public async Task An_update_whose_handler_throws_stays_unacknowledged_and_comes_back()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, StatusUpdateRetryInterval = TimeSpan.FromMilliseconds(300) });
        var recorder = new SchedulerRecorder(10);
        foreach (var id in new[] { "task-0002", "task-0005" })
        {
            recorder.FailFirstDelivery[id] = 1;
        }

        using var host = SchedulerHost.Build(cluster, recorder);
        await host.StartAsync();
        await Recovery.AllFinished(cluster, recorder);
        await host.StopAsync();

        Assert.Empty(recorder.FailFirstDelivery);
        Assert.All(recorder.Final.Values, state => Assert.Equal(TaskState.TaskFinished, state));
        SchedulerHost.AssertNoAcknowledgementBeforeItsHandler(cluster, recorder);
        var deliveries = cluster.Journal.SchedulerEvents.Count(e => e.Event.Update?.Status is { State: TaskState.TaskFinished } s && s.TaskId.Value == "task-0002");
        Assert.True(deliveries >= 2, $"the failed update was delivered {deliveries} times");
        Assert.Equal(1, host.Driver().SubscribeAttempts);
    }

    [Fact]
    public async Task Offers_the_callback_leaves_unused_are_declined_when_it_returns()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
        var recorder = new SchedulerRecorder(0) { IgnoreOffers = true };
        using var host = SchedulerHost.Build(cluster, recorder, o => o.UnusedOfferRefuseSeconds = 42);

        await host.StartAsync();
        await cluster.Journal.WaitForAsync(j => j.SchedulerCalls.Any(c => c.Call.Type == Call.Types.Type.Decline), TimeSpan.FromSeconds(10), "a DECLINE");
        await host.StopAsync();

        var decline = cluster.Journal.SchedulerCalls.First(c => c.Call.Type == Call.Types.Type.Decline).Call.Decline;
        Assert.Equal(42, decline.Filters.RefuseSeconds);
        Assert.Equal(2, decline.OfferIds.Count + cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Decline).Skip(1).Sum(c => c.Call.Decline.OfferIds.Count));
    }

    [Fact]
    public async Task Calls_made_while_not_subscribed_throw_and_refused_calls_carry_mesos_message()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1 });
        var recorder = new SchedulerRecorder(0) { IgnoreOffers = true };
        using var host = SchedulerHost.Build(cluster, recorder);
        var driver = host.Services.GetRequiredService<ISchedulerDriver>();

        var early = await Assert.ThrowsAsync<MesosNotSubscribedException>(() => driver.ReviveAsync());
        Assert.Contains("REVIVE", early.Message, StringComparison.Ordinal);

        await host.StartAsync();
        await recorder.WaitAsync(() => driver.IsSubscribed, "subscribed");
        var refused = await Assert.ThrowsAsync<MesosCallException>(() => driver.UpdateFrameworkAsync(new FrameworkInfo { User = "someone-else", Name = "sdk-test" }));
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("FrameworkInfo update is not valid", refused.MesosMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => driver.AcknowledgeAsync(new TaskStatus { TaskId = new TaskID { Value = "t" }, State = TaskState.TaskRunning }));
    }

    [Fact]
    public async Task An_error_event_reaches_the_error_callback_and_marks_the_driver_failed()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        var recorder = new SchedulerRecorder(0);
        var store = new InMemoryFrameworkIdStore();
        using (var first = SchedulerHost.Build(cluster, recorder, store: store))
        {
            await first.StartAsync();
            await recorder.WaitAsync(() => first.Driver().IsSubscribed, "subscribed");
            var removed = first.Driver().FrameworkId!;
            await first.Driver().TeardownAsync();
            await first.StopAsync();

            // As a store written by a process that died before it could forget the torn-down framework.
            await store.SaveAsync(removed, CancellationToken.None);
        }

        using var resumed = SchedulerHost.Build(cluster, recorder, o => o.ResubscribeWhenFrameworkRemoved = false, store: store);
        await resumed.StartAsync();
        await recorder.WaitAsync(() => resumed.Driver().Health.State == SchedulerState.Failed, "the driver failed");
        await resumed.StopAsync();

        Assert.Equal(1, recorder.Errors);
        Assert.Contains("Framework has been removed", recorder.LastError, StringComparison.Ordinal);
        Assert.Equal(1, resumed.Driver().SubscribeAttempts);
    }

    [Fact]
    public async Task A_master_that_accepts_connections_but_never_answers_is_given_up_and_the_next_one_used()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 16);
        var silentUri = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";
        var recorder = new SchedulerRecorder(tasks: 0);
        using var host = SchedulerHost.Build(cluster, recorder, o =>
        {
            o.Master = silentUri;
            o.Masters = [cluster.MasterUri.ToString()];
            o.CallTimeout = TimeSpan.FromSeconds(1);
        });

        await host.StartAsync();
        await recorder.WaitAsync(() => recorder.Registered == 1, "registered");

        Assert.True(host.Driver().SubscribeAttempts >= 2, "the silent master was tried first");
        Assert.True(host.Driver().SubscribeAttempts <= 4, $"{host.Driver().SubscribeAttempts} subscribe attempts");
        await host.StopAsync();
    }
}
