using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Maintenance;
using Mesos.V1.Master;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>Every call of IMesosOperator against a master answering as Mesos does, in both encodings.</summary>
public sealed class MasterCallTests
{
    public static TheoryData<string> Encodings => [MesosContentTypes.Protobuf, MesosContentTypes.Json];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Every_reading_call_returns_what_the_master_answered(string contentType)
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var client = OperatorUnderTest.Create(master.Uri, contentType);
        var op = client.Operator;

        AssertAnswered(Call.Types.Type.GetHealth, r => r.GetHealth, await op.GetHealthAsync());
        AssertAnswered(Call.Types.Type.GetFlags, r => r.GetFlags, await op.GetFlagsAsync());
        AssertAnswered(Call.Types.Type.GetVersion, r => r.GetVersion, await op.GetVersionAsync());
        AssertAnswered(Call.Types.Type.GetMetrics, r => r.GetMetrics, await op.GetMetricsAsync());
        AssertAnswered(Call.Types.Type.GetLoggingLevel, r => r.GetLoggingLevel, await op.GetLoggingLevelAsync());
        AssertAnswered(Call.Types.Type.GetState, r => r.GetState, await op.GetStateAsync());
        AssertAnswered(Call.Types.Type.GetAgents, r => r.GetAgents, await op.GetAgentsAsync());
        AssertAnswered(Call.Types.Type.GetFrameworks, r => r.GetFrameworks, await op.GetFrameworksAsync());
        AssertAnswered(Call.Types.Type.GetExecutors, r => r.GetExecutors, await op.GetExecutorsAsync());
        AssertAnswered(Call.Types.Type.GetTasks, r => r.GetTasks, await op.GetTasksAsync());
        AssertAnswered(Call.Types.Type.GetRoles, r => r.GetRoles, await op.GetRolesAsync());
        AssertAnswered(Call.Types.Type.GetOperations, r => r.GetOperations, await op.GetOperationsAsync());
        AssertAnswered(Call.Types.Type.GetMaintenanceStatus, r => r.GetMaintenanceStatus, await op.GetMaintenanceStatusAsync());
        AssertAnswered(Call.Types.Type.GetMaintenanceSchedule, r => r.GetMaintenanceSchedule, await op.GetMaintenanceScheduleAsync());

        var calls = master.Calls.Snapshot();
        Assert.Equal(14, calls.Count);
        Assert.All(calls, c => Assert.Equal(contentType, c.ContentType));
        Assert.All(calls, c => Assert.Equal(contentType, c.Accept));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Every_change_sends_the_call_mesos_expects_and_takes_an_empty_200(string contentType)
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var client = OperatorUnderTest.Create(master.Uri, contentType);
        var op = client.Operator;
        var agent = MesosId.Of<AgentID>("3f2c-S0");
        var machines = new[] { new MachineID { Hostname = "agent-1", Ip = "10.0.0.1" } };

        await op.UpdateMaintenanceScheduleAsync(CannedMaster.Schedule);
        await op.StartMaintenanceAsync(machines);
        await op.StopMaintenanceAsync(machines);
        await op.DrainAgentAsync(agent, TimeSpan.FromSeconds(90), markGone: true);
        await op.DrainAgentAsync(agent);
        await op.DeactivateAgentAsync(agent);
        await op.ReactivateAgentAsync(agent);
        await op.MarkAgentGoneAsync(agent);
        await op.TeardownAsync(MesosId.Of<FrameworkID>("3f2c-0000"));
        await op.GetMetricsAsync(TimeSpan.FromMilliseconds(1500));

        Call[] expected =
        [
            new() { Type = Call.Types.Type.UpdateMaintenanceSchedule, UpdateMaintenanceSchedule = new() { Schedule = CannedMaster.Schedule } },
            new() { Type = Call.Types.Type.StartMaintenance, StartMaintenance = new() { Machines = { machines } } },
            new() { Type = Call.Types.Type.StopMaintenance, StopMaintenance = new() { Machines = { machines } } },
            new() { Type = Call.Types.Type.DrainAgent, DrainAgent = new() { AgentId = agent, MaxGracePeriod = new Google.Protobuf.WellKnownTypes.Duration { Seconds = 90 }, MarkGone = true } },
            new() { Type = Call.Types.Type.DrainAgent, DrainAgent = new() { AgentId = agent } },
            new() { Type = Call.Types.Type.DeactivateAgent, DeactivateAgent = new() { AgentId = agent } },
            new() { Type = Call.Types.Type.ReactivateAgent, ReactivateAgent = new() { AgentId = agent } },
            new() { Type = Call.Types.Type.MarkAgentGone, MarkAgentGone = new() { AgentId = agent } },
            new() { Type = Call.Types.Type.Teardown, Teardown = new() { FrameworkId = MesosId.Of<FrameworkID>("3f2c-0000") } },
            new() { Type = Call.Types.Type.GetMetrics, GetMetrics = new() { Timeout = new DurationInfo { Nanoseconds = 1_500_000_000 } } },
        ];
        var received = master.Calls.Snapshot();
        Assert.Equal(expected, received.Select(c => c.Call));
        if (contentType == MesosContentTypes.Json)
        {
            Assert.Equal("{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"3f2c-S0\"},\"max_grace_period\":{\"seconds\":90},\"mark_gone\":true}}", received[3].Body);
            Assert.Equal("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"3f2c-0000\"}}}", received[8].Body);
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Any_other_call_returns_the_master_answer_or_an_empty_one(string contentType)
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var client = OperatorUnderTest.Create(master.Uri, contentType);

        var health = await client.Operator.CallAsync(new Call { Type = Call.Types.Type.GetHealth });
        var setLevel = await client.Operator.CallAsync(new Call { Type = Call.Types.Type.SetLoggingLevel, SetLoggingLevel = new() { Level = 2, Duration = new DurationInfo { Nanoseconds = 1_000_000_000 } } });

        Assert.True(health.GetHealth.Healthy);
        Assert.Equal(new Response(), setLevel);
        Assert.Equal(2u, master.Calls.Snapshot()[1].Call.SetLoggingLevel.Level);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Operator.CallAsync(new Call { Type = Call.Types.Type.Subscribe }));
    }

    [Fact]
    public async Task An_answer_of_another_type_or_without_its_payload_is_a_protocol_error()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.Call.Type == Call.Types.Type.GetHealth
            ? e.AnswerAsync(new Response { Type = Response.Types.Type.GetFlags, GetFlags = new() })
            : e.AnswerAsync(new Response { Type = Response.Types.Type.GetState }));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf);

        var wrongType = await Assert.ThrowsAsync<MesosProtocolException>(() => client.Operator.GetHealthAsync());
        var noPayload = await Assert.ThrowsAsync<MesosProtocolException>(() => client.Operator.GetStateAsync());

        Assert.Equal($"The Mesos master at {master.Uri} answered GET_HEALTH with a GET_FLAGS answer.", wrongType.Message);
        Assert.Equal($"The Mesos master at {master.Uri} answered GET_STATE without its get_state field.", noPayload.Message);
    }

    [Fact]
    public async Task An_answer_larger_than_allowed_is_refused()
    {
        var big = new Response { Type = Response.Types.Type.GetFlags, GetFlags = new() { Flags = { Enumerable.Range(0, 200).Select(i => new Flag { Name = $"flag_{i}", Value = new string('x', 40) }) } } };
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.AnswerAsync(big));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o => o.MaxAnswerBytes = 4096);

        var refused = await Assert.ThrowsAsync<MesosProtocolException>(() => client.Operator.GetFlagsAsync());

        Assert.Equal($"The Mesos master at {master.Uri} announced {big.CalculateSize()} bytes in answer to GET_FLAGS; at most 4096 bytes are accepted (MaxAnswerBytes).", refused.Message);
    }

    private static void AssertAnswered<T>(Call.Types.Type call, Func<Response, T> payload, T actual)
        => Assert.Equal(payload(CannedMaster.AnswerTo(call)!), actual);
}
