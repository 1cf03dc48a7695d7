using Microsoft.Extensions.Time.Testing;
using System.Net;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Capability = Mesos.V1.FrameworkInfo.Types.Capability.Types.Type;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>Subscription, failover and framework-level validation (§7, items 17–24).</summary>
public sealed class FrameworkLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private LocalMesosCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_second_subscribe_fails_the_first_stream_over()
    {
        await using var first = new RawScheduler(_cluster.MasterUri);
        var firstStream = await first.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 60));
        await using var second = new RawScheduler(_cluster.MasterUri);

        var secondStream = await second.SubscribeAsync(SchedulerApiTests.WithId(RawScheduler.Framework(failoverTimeout: 60), first.FrameworkId));

        var error = await firstStream.NextAsync(Event.Types.Type.Error);
        Assert.Equal("Framework failed over", error.Error.Message);
        await firstStream.Ended.WaitAsync(Wait);
        Assert.Equal(first.FrameworkId, secondStream.FrameworkId);
        Assert.NotEqual(firstStream.StreamId, secondStream.StreamId);
        using var stale = await first.CallAsync(new Call { Type = Call.Types.Type.Revive });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.StartsWith($"The stream ID '{firstStream.StreamId}' included in this request didn't match", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offers_from_before_a_resubscription_are_void()
    {
        await using var first = new RawScheduler(_cluster.MasterUri);
        var stream = await first.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 60));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await using var second = new RawScheduler(_cluster.MasterUri);
        await second.SubscribeAsync(SchedulerApiTests.WithId(RawScheduler.Framework(failoverTimeout: 60), first.FrameworkId));

        await second.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "too-late", "true")]);

        var update = (await second.Subscription!.NextAsync(Event.Types.Type.Update)).Update.Status;
        Assert.Equal(TaskState.TaskLost, update.State);
        Assert.Equal(TaskStatus.Types.Reason.InvalidOffers, update.Reason);
        Assert.Equal(TaskStatus.Types.Source.Master, update.Source);
        Assert.False(update.HasUuid);
    }

    [Fact]
    public async Task A_partition_aware_framework_gets_task_dropped_for_invalid_offers()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(capabilities: Capability.PartitionAware));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0].Clone();
        offer.Id = MesosId.Of<OfferID>("not-an-offer");

        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "t", "true")]);

        Assert.Equal(TaskState.TaskDropped, (await stream.NextAsync(Event.Types.Type.Update)).Update.Status.State);
    }

    [Fact]
    public async Task Without_a_failover_timeout_a_closed_stream_removes_the_framework_for_good()
    {
        await using var first = new RawScheduler(_cluster.MasterUri);
        await first.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 0));
        var id = first.FrameworkId;
        await first.Subscription!.DisposeAsync();
        await OsConditions.WaitAsync(() => RemovedFromStateAsync(id), "the framework gone from /master/state");

        await using var again = new RawScheduler(_cluster.MasterUri);
        var stream = await again.OpenAsync(SchedulerApiTests.WithId(RawScheduler.Framework(), id));

        Assert.Equal("Framework has been removed", (await stream.NextAsync(Wait)).Error.Message);
        await stream.Ended.WaitAsync(Wait);
    }

    [Fact]
    public async Task Within_the_failover_timeout_tasks_keep_running_and_the_framework_comes_back()
    {
        await using var first = new RawScheduler(_cluster.MasterUri);
        var stream = await first.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 60));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await first.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "long", "sleep 600")]);
        await first.AcknowledgeNextAsync("long", TaskState.TaskStarting);
        await first.AcknowledgeNextAsync("long", TaskState.TaskRunning);

        Assert.True(_cluster.DropFrameworkStream(first.FrameworkId));
        await stream.Ended.WaitAsync(Wait);
        await using var second = new RawScheduler(_cluster.MasterUri);
        var resumed = await second.SubscribeAsync(SchedulerApiTests.WithId(RawScheduler.Framework(failoverTimeout: 60), first.FrameworkId));
        await second.AcceptedAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() });

        var reconciled = (await resumed.NextAsync(Wait, e => e.Update?.Status.Reason == TaskStatus.Types.Reason.Reconciliation)).Update.Status;
        Assert.Equal("long", reconciled.TaskId.Value);
        Assert.Equal(TaskState.TaskRunning, reconciled.State);
    }

    [Fact]
    public async Task After_the_failover_timeout_the_framework_and_its_tasks_go()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 0.5));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "doomed", "echo $$ > pid; sleep 600")]);
        await scheduler.AcknowledgeNextAsync("doomed", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("doomed", TaskState.TaskRunning);
        var pidFile = await WaitForSandboxFile("pid");

        Assert.True(_cluster.DropFrameworkStream(scheduler.FrameworkId));

        await OsConditions.WaitAsync(() => RemovedFromStateAsync(scheduler.FrameworkId), "the framework gone from /master/state");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await OsConditions.WaitAsync(() => Task.FromResult(!OsConditions.ProcessExists(pid)), $"process {pid} gone");
    }

    [Theory]
    [InlineData(true, false, "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable")]
    [InlineData(false, true, "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable")]
    public async Task Role_fields_must_match_the_multi_role_capability(bool multiRole, bool setRoles, string error)
    {
        var info = multiRole ? RawScheduler.Framework(capabilities: Capability.MultiRole) : RawScheduler.Framework();
        if (multiRole)
        {
            info.Role = "batch";
        }

        if (setRoles)
        {
            info.Roles.Add("batch");
        }

        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.OpenAsync(info);

        Assert.Equal(error, (await stream.NextAsync(Wait)).Error.Message);
        await stream.Ended.WaitAsync(Wait);
    }

    [Fact]
    public async Task Suppressed_roles_must_be_among_the_frameworks_roles()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var refused = await scheduler.OpenAsync(MultiRole("a", "b"), "c");
        Assert.Equal("Suppressed roles { c } are not contained in the set of roles", (await refused.NextAsync(Wait)).Error.Message);

        await using var ok = new RawScheduler(_cluster.MasterUri);
        await ok.SubscribeAsync(MultiRole("a", "b"), "a");
        var update = new Call.Types.UpdateFramework { FrameworkInfo = SchedulerApiTests.WithId(MultiRole("a", "b"), ok.FrameworkId), SuppressedRoles = { "z" } };
        using var response = await ok.CallAsync(new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = update });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("'UpdateFramework' call is not valid: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offers_go_to_each_role_of_a_multi_role_framework_except_suppressed_ones()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(MultiRole("a", "b"), "b");

        var offers = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;

        Assert.All(offers, o => Assert.Equal("a", o.AllocationInfo.Role));
        Assert.All(offers.SelectMany(o => o.Resources), r => Assert.Equal("a", r.AllocationInfo.Role));
        await scheduler.DeclineAsync(offers.Select(o => o.Id), refuseSeconds: 3600);
        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { "b" } } });
        var revived = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;
        Assert.All(revived, o => Assert.Equal("b", o.AllocationInfo.Role));
    }

    [Fact]
    public async Task User_and_checkpoint_cannot_change_by_update_but_are_kept_silently_on_resubscribe()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await scheduler.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 60));
        var changed = SchedulerApiTests.WithId(RawScheduler.Framework(failoverTimeout: 60), scheduler.FrameworkId);
        changed.User = "someone-else";

        using var update = await scheduler.CallAsync(new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = new Call.Types.UpdateFramework { FrameworkInfo = changed } });
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.StartsWith("FrameworkInfo update is not valid: ", await update.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var again = new RawScheduler(_cluster.MasterUri);
        await again.SubscribeAsync(changed);
        using var http = new HttpClient();
        var state = await http.GetStringAsync(new Uri(_cluster.MasterUri, "master/state"));
        Assert.Contains($"\"user\":\"{System.Environment.UserName}\"", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_offers_and_roles_are_ignored_silently()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offers = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;
        await scheduler.DeclineAsync(offers.Select(o => o.Id), refuseSeconds: 3600);

        await scheduler.DeclineAsync([MesosId.Of<OfferID>("no-such-offer")]);
        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive { Roles = { "not-mine" } } });

        Assert.False(await stream.ArrivesWithinAsync(TimeSpan.FromSeconds(1.5), e => e.Type is not Event.Types.Type.Heartbeat));
    }

    [Fact]
    public async Task Declined_resources_come_back_after_the_filter_and_at_once_on_revive()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offers = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;

        await scheduler.DeclineAsync(offers.Select(o => o.Id), refuseSeconds: 1);
        var again = (await stream.NextAsync(Event.Types.Type.Offers, TimeSpan.FromSeconds(5))).Offers.Offers_;
        Assert.Equal(offers.Select(o => o.AgentId.Value).Order(), again.Select(o => o.AgentId.Value).Order());

        await scheduler.DeclineAsync(again.Select(o => o.Id), refuseSeconds: 3600);
        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Revive });
        Assert.Equal(2, (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_.Count);
    }

    [Fact]
    public async Task Resources_that_come_back_wait_for_the_next_allocation_cycle_and_a_short_filter_lasts_one()
    {
        // As Mesos's allocator: recovering resources never allocates, and a filter outlasts an allocation interval.
        var time = new FakeTimeProvider();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, TimeProvider = time });
        var interval = cluster.Options.AllocationInterval;
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offers = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;

        await scheduler.DeclineAsync(offers.Select(o => o.Id), refuseSeconds: 0);
        Assert.False(await stream.ArrivesWithinAsync(TimeSpan.FromMilliseconds(500), e => e.Type == Event.Types.Type.Offers));
        time.Advance(interval);
        var again = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;

        // Declined half a cycle in with a filter of a tenth of one: the next cycle still finds it, the one after does not.
        time.Advance(interval / 2);
        await scheduler.DeclineAsync(again.Select(o => o.Id), refuseSeconds: interval.TotalSeconds / 10);
        time.Advance(interval / 2);
        Assert.False(await stream.ArrivesWithinAsync(TimeSpan.FromMilliseconds(500), e => e.Type == Event.Types.Type.Offers));
        time.Advance(interval);
        Assert.Equal(offers[0].AgentId, (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_.Single().AgentId);
    }

    [Fact]
    public async Task A_role_that_an_update_unsuppresses_is_offered_at_the_next_allocation_cycle()
    {
        // As Mesos's updateFramework, which revives the role without allocating; only REVIVE allocates at once.
        var time = new FakeTimeProvider();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, TimeProvider = time });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(MultiRole("a"), "a");
        Assert.False(await stream.ArrivesWithinAsync(TimeSpan.FromMilliseconds(500), e => e.Type == Event.Types.Type.Offers));

        using var response = await scheduler.CallAsync(new Call
        {
            Type = Call.Types.Type.UpdateFramework,
            UpdateFramework = new Call.Types.UpdateFramework { FrameworkInfo = SchedulerApiTests.WithId(MultiRole("a"), scheduler.FrameworkId) },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await stream.ArrivesWithinAsync(TimeSpan.FromMilliseconds(500), e => e.Type == Event.Types.Type.Offers));
        time.Advance(cluster.Options.AllocationInterval);
        Assert.All((await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_, o => Assert.Equal("a", o.AllocationInfo.Role));
    }

    private static FrameworkInfo MultiRole(params string[] roles)
    {
        var info = RawScheduler.Framework(capabilities: Capability.MultiRole);
        info.Roles.AddRange(roles);
        return info;
    }

    private async Task<bool> RemovedFromStateAsync(string frameworkId)
    {
        using var http = new HttpClient();
        using var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(_cluster.MasterUri, "master/state")));
        return state.RootElement.GetProperty("frameworks").EnumerateArray().All(f => f.GetProperty("id").GetString() != frameworkId);
    }

    private async Task<string> WaitForSandboxFile(string name)
    {
        string? found = null;
        await OsConditions.WaitAsync(() =>
        {
            found = Directory.EnumerateFiles(_cluster.WorkDirectory, name, SearchOption.AllDirectories).FirstOrDefault(f => new System.IO.FileInfo(f).Length > 0);
            return Task.FromResult(found is not null);
        }, $"a task to write '{name}' in its sandbox");
        return found!;
    }
}
