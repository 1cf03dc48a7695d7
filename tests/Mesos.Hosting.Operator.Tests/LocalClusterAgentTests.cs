using System.Net;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Testing.Tests;
using Mesos.Hosting.Wire;
using Mesos.V1;
using OperatorEvent = Mesos.V1.Master.Event;
using SchedulerEvent = Mesos.V1.Scheduler.Event;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>DEACTIVATE_AGENT, REACTIVATE_AGENT, DRAIN_AGENT and MARK_AGENT_GONE through the real client against LocalMesosCluster.</summary>
public sealed class LocalClusterAgentTests() : LocalClusterTest()
{

    private AgentID AgentId => MesosId.Of<AgentID>(Cluster.AgentIds.Single());

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task A_deactivated_agent_loses_its_offers_until_it_is_reactivated(string contentType)
    {
        await using var scheduler = new RawScheduler(Cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(SchedulerEvent.Types.Type.Offers)).Offers.Offers_[0];
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);

        await client.Operator.DeactivateAgentAsync(AgentId);

        Assert.Equal(offer.Id, (await stream.NextAsync(SchedulerEvent.Types.Type.Rescind)).Rescind.OfferId);
        var agent = Assert.Single((await client.Operator.GetAgentsAsync()).Agents);
        Assert.Equal((false, true), (agent.Active, agent.Deactivated));
        Assert.Empty(agent.OfferedResources);

        // Two allocation intervals without an offer.
        Assert.False(await stream.ArrivesWithinAsync(Cluster.Options.AllocationInterval * 2, e => e.Type == SchedulerEvent.Types.Type.Offers));

        await client.Operator.ReactivateAgentAsync(AgentId);

        Assert.Equal(AgentId, (await stream.NextAsync(SchedulerEvent.Types.Type.Offers)).Offers.Offers_[0].AgentId);
        Assert.True(Assert.Single((await client.Operator.GetAgentsAsync()).Agents).Active);
        var again = await Assert.ThrowsAsync<MesosCallException>(() => client.Operator.ReactivateAgentAsync(AgentId));
        Assert.Equal((HttpStatusCode.BadRequest, "Agent is not deactivated"), (again.StatusCode, again.MesosMessage));
    }

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task A_draining_agent_has_its_tasks_killed_and_is_drained_once_their_ends_are_acknowledged(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);

        await client.Operator.DrainAgentAsync(AgentId, maxGracePeriod: TimeSpan.FromSeconds(1));

        var killed = (await scheduler.Subscription!.NextAsync(TimeSpan.FromSeconds(10), e => e.Update?.Status is { TaskId.Value: "sleeper" } s && MesosTaskStates.IsTerminal(s.State))).Update.Status;
        Assert.Equal(TaskState.TaskKilled, killed.State);
        var draining = Assert.Single((await client.Operator.GetAgentsAsync()).Agents);
        Assert.Equal((DrainState.Draining, 1_000_000_000L, false), (draining.DrainInfo.State, draining.DrainInfo.Config.MaxGracePeriod.Nanoseconds, draining.Active));
        using (var http = new HttpClient())
        {
            using var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(Cluster.MasterUri, "master/state")));
            var agent = Assert.Single(state.RootElement.GetProperty("slaves").EnumerateArray());
            Assert.Equal((false, true), (agent.GetProperty("active").GetBoolean(), agent.GetProperty("deactivated").GetBoolean()));
            Assert.Equal("DRAINING", agent.GetProperty("drain_info").GetProperty("state").GetString());
            Assert.Equal(1_000_000_000L, agent.GetProperty("drain_info").GetProperty("config").GetProperty("max_grace_period").GetProperty("nanoseconds").GetInt64());
        }


        // Mesos keeps a task until its end is acknowledged: until then the agent is still draining.
        var early = await Assert.ThrowsAsync<MesosCallException>(() => client.Operator.ReactivateAgentAsync(AgentId));
        Assert.Equal((HttpStatusCode.BadRequest, "Agent is still in the DRAINING state"), (early.StatusCode, early.MesosMessage));
        await scheduler.AcknowledgeAsync(killed);

        await OsConditions.WaitAsync(async () => Assert.Single((await client.Operator.GetAgentsAsync()).Agents).DrainInfo?.State == DrainState.Drained, "the agent DRAINED");
        await client.Operator.ReactivateAgentAsync(AgentId);
        var reactivated = Assert.Single((await client.Operator.GetAgentsAsync()).Agents);
        Assert.Equal((true, false, null), (reactivated.Active, reactivated.Deactivated, reactivated.DrainInfo));
    }

    [Fact]
    public async Task A_draining_agent_whose_framework_is_torn_down_is_drained()
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, MesosContentTypes.Protobuf);
        await client.Operator.DrainAgentAsync(AgentId);
        await scheduler.Subscription!.NextAsync(TimeSpan.FromSeconds(10), e => e.Update?.Status is { TaskId.Value: "sleeper", State: TaskState.TaskKilled });
        Assert.Equal(DrainState.Draining, Assert.Single((await client.Operator.GetAgentsAsync()).Agents).DrainInfo.State);

        await client.Operator.TeardownAsync(MesosId.Of<FrameworkID>(scheduler.FrameworkId));

        Assert.Equal(DrainState.Drained, Assert.Single((await client.Operator.GetAgentsAsync()).Agents).DrainInfo.State);
    }

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task A_drain_that_marks_gone_removes_the_agent_once_drained(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        await using var watch = LocalClusterWork.Watch(client.Operator);
        await watch.SeenAsync(e => e.Type == OperatorEvent.Types.Type.Subscribed);

        await client.Operator.DrainAgentAsync(AgentId, markGone: true);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskKilled);

        Assert.Equal(AgentId, (await watch.SeenAsync(e => e.Type == OperatorEvent.Types.Type.AgentRemoved)).AgentRemoved.AgentId);
        Assert.Empty((await client.Operator.GetAgentsAsync()).Agents);
        await client.Operator.MarkAgentGoneAsync(AgentId);
    }

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task An_agent_marked_gone_is_removed_and_its_tasks_are_gone_by_operator(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster, FrameworkInfo.Types.Capability.Types.Type.PartitionAware);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        await using var watch = LocalClusterWork.Watch(client.Operator);
        await watch.SeenAsync(e => e.Type == OperatorEvent.Types.Type.Subscribed);

        await client.Operator.MarkAgentGoneAsync(AgentId);

        var gone = (await scheduler.Subscription!.NextAsync(TimeSpan.FromSeconds(10), e => e.Update?.Status.TaskId.Value == "sleeper")).Update.Status;
        Assert.Equal((TaskState.TaskGoneByOperator, TaskStatus.Types.Reason.AgentRemovedByOperator), (gone.State, gone.Reason));
        Assert.Equal(AgentId, (await scheduler.Subscription.NextAsync(SchedulerEvent.Types.Type.Failure)).Failure.AgentId);
        Assert.Equal(AgentId, (await watch.SeenAsync(e => e.Type == OperatorEvent.Types.Type.AgentRemoved)).AgentRemoved.AgentId);
        var update = await watch.SeenAsync(e => e.TaskUpdated?.Status.TaskId.Value == "sleeper" && e.TaskUpdated.State == TaskState.TaskGoneByOperator);
        Assert.Equal(scheduler.FrameworkId, update.TaskUpdated.FrameworkId.Value);
        Assert.Empty((await client.Operator.GetAgentsAsync()).Agents);
        Assert.Equal(TaskState.TaskGoneByOperator, Assert.Single((await client.Operator.GetTasksAsync()).CompletedTasks).State);

        // Marking it gone again is no error: it has already transitioned.
        await client.Operator.MarkAgentGoneAsync(AgentId);
    }

    [Theory]
    [InlineData("DRAIN_AGENT", HttpStatusCode.BadRequest, "Unknown agent")]
    [InlineData("DEACTIVATE_AGENT", HttpStatusCode.BadRequest, "Unknown agent")]
    [InlineData("REACTIVATE_AGENT", HttpStatusCode.BadRequest, "Agent is not deactivated")]
    [InlineData("MARK_AGENT_GONE", HttpStatusCode.NotFound, "Agent 'nobody' not found")]
    public async Task Calls_on_an_unknown_agent_get_Mesos_answers(string call, HttpStatusCode status, string message)
    {
        var answer = await LocalClusterWork.PostAsync(Cluster, $$$$"""{"type":"{{{{call}}}}","{{{{call.ToLowerInvariant()}}}}":{"agent_id":{"value":"nobody"}}}""");

        Assert.Equal((status, message), answer);
    }
}
