using System.Net;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Maintenance;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>The maintenance calls through the real client against LocalMesosCluster: a schedule, its machines' modes, and what DOWN does to an agent.</summary>
public sealed class LocalClusterMaintenanceTests() : LocalClusterTest()
{

    /// <summary>The machine the local agents run on: their hostname and the address they serve on.</summary>
    private MachineID AgentMachine => new() { Hostname = Cluster.Options.Hostname, Ip = Cluster.Options.Hostname };

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task A_scheduled_machine_drains_goes_down_with_its_agent_and_comes_back_up(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        var op = client.Operator;
        var other = new MachineID { Hostname = "elsewhere" };
        var schedule = Schedule(new Window { MachineIds = { AgentMachine, other }, Unavailability = Unavailability(TimeSpan.FromHours(1)) });
        Assert.Empty((await op.GetMaintenanceScheduleAsync()).Schedule.Windows);

        await op.UpdateMaintenanceScheduleAsync(schedule);

        Assert.Equal(schedule, (await op.GetMaintenanceScheduleAsync()).Schedule);
        var status = (await op.GetMaintenanceStatusAsync()).Status;
        Assert.Equal([AgentMachine, other], status.DrainingMachines.Select(m => m.Id));
        Assert.Empty(status.DownMachines);

        await op.StartMaintenanceAsync([AgentMachine]);

        status = (await op.GetMaintenanceStatusAsync()).Status;
        Assert.Equal(AgentMachine, Assert.Single(status.DownMachines));
        Assert.Equal(other, Assert.Single(status.DrainingMachines).Id);
        Assert.Empty((await op.GetAgentsAsync()).Agents);
        var lost = (await scheduler.Subscription!.NextAsync(TimeSpan.FromSeconds(10), e => e.Update?.Status.TaskId.Value == "sleeper")).Update.Status;
        Assert.Equal((TaskState.TaskLost, TaskStatus.Types.Reason.AgentRemoved), (lost.State, lost.Reason));
        Assert.Equal(TaskState.TaskLost, Assert.Single((await op.GetTasksAsync()).CompletedTasks).State);

        // A DOWN machine cannot leave the schedule: it must come up first.
        var refused = await Assert.ThrowsAsync<MesosCallException>(() => op.UpdateMaintenanceScheduleAsync(new Schedule()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is deactivated and cannot be removed from the schedule", refused.MesosMessage, StringComparison.Ordinal);

        await op.StopMaintenanceAsync([AgentMachine]);

        status = (await op.GetMaintenanceStatusAsync()).Status;
        Assert.Empty(status.DownMachines);
        Assert.Equal(other, Assert.Single(status.DrainingMachines).Id);
        Assert.Equal([other], Assert.Single((await op.GetMaintenanceScheduleAsync()).Schedule.Windows).MachineIds);
        await op.UpdateMaintenanceScheduleAsync(new Schedule());
        Assert.Empty((await op.GetMaintenanceStatusAsync()).Status.DrainingMachines);
    }

    [Theory]
    [InlineData("""{"windows":[{"machine_ids":[],"unavailability":{"start":{"nanoseconds":0}}}]}""", "List of machines in the maintenance window is empty")]
    [InlineData("""{"windows":[{"machine_ids":[{}],"unavailability":{"start":{"nanoseconds":0}}}]}""", "Both 'hostname' and 'ip' for a machine are empty")]
    [InlineData("""{"windows":[{"machine_ids":[{"ip":"300.1.1.1"}],"unavailability":{"start":{"nanoseconds":0}}}]}""", "Failed to parse IP '300.1.1.1'")]
    [InlineData("""{"windows":[{"machine_ids":[{"hostname":"a"}],"unavailability":{"start":{"nanoseconds":0},"duration":{"nanoseconds":-1}}}]}""", "Unavailability 'duration' is negative")]
    [InlineData("""{"windows":[{"machine_ids":[{"hostname":"a"}],"unavailability":{"start":{"nanoseconds":0}}},{"machine_ids":[{"hostname":"A"}],"unavailability":{"start":{"nanoseconds":0}}}]}""", "Machine 'hostname: \"A\"\n' appears more than once in the schedule")]
    public async Task A_bad_schedule_is_refused_with_Mesos_reason(string schedule, string message)
    {
        var (status, body) = await LocalClusterWork.PostAsync(Cluster, $$$"""{"type":"UPDATE_MAINTENANCE_SCHEDULE","update_maintenance_schedule":{"schedule":{{{schedule}}}}}""");

        Assert.Equal((HttpStatusCode.BadRequest, message), (status, body));
    }

    [Theory]
    [InlineData("START_MAINTENANCE", "[]", "List of machines is empty")]
    [InlineData("START_MAINTENANCE", """[{"hostname":"a"},{"hostname":"a"}]""", "Machine 'hostname: \"a\"\n' appears more than once in the schedule")]
    [InlineData("START_MAINTENANCE", """[{"hostname":"nowhere"}]""", """Machine '{"hostname":"nowhere"}' is not part of a maintenance schedule""")]
    [InlineData("STOP_MAINTENANCE", """[{"hostname":"nowhere"}]""", """Machine '{"hostname":"nowhere"}' is not part of a maintenance schedule""")]
    [InlineData("STOP_MAINTENANCE", """[{"hostname":"scheduled"}]""", """Machine '{"hostname":"scheduled"}' is not in DOWN mode and cannot be brought up""")]
    public async Task Machines_that_cannot_change_mode_are_refused_with_Mesos_reason(string call, string machines, string message)
    {
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, MesosContentTypes.Json);
        await client.Operator.UpdateMaintenanceScheduleAsync(Schedule(new Window { MachineIds = { new MachineID { Hostname = "scheduled" } }, Unavailability = Unavailability(TimeSpan.FromMinutes(5)) }));

        var (status, body) = await LocalClusterWork.PostAsync(Cluster, $$$"""{"type":"{{{call}}}","{{{call.ToLowerInvariant()}}}":{"machines":{{{machines}}}}}""");

        Assert.Equal((HttpStatusCode.BadRequest, message), (status, body));
    }

    [Fact]
    public async Task An_agent_of_a_scheduled_machine_cannot_be_drained()
    {
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, MesosContentTypes.Protobuf);
        await client.Operator.UpdateMaintenanceScheduleAsync(Schedule(new Window { MachineIds = { AgentMachine }, Unavailability = Unavailability(TimeSpan.FromMinutes(5)) }));
        var agentId = Cluster.AgentIds.Single();

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => client.Operator.DrainAgentAsync(MesosId.Of<AgentID>(agentId)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($$"""Agent {{agentId}} is part of a maintenance schedule under Machine {"hostname":"127.0.0.1","ip":"127.0.0.1"}""", refused.MesosMessage);
    }

    private static Schedule Schedule(params Window[] windows)
    {
        var schedule = new Schedule();
        schedule.Windows.AddRange(windows);
        return schedule;
    }

    private static Unavailability Unavailability(TimeSpan duration) => new()
    {
        Start = new TimeInfo { Nanoseconds = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeMilliseconds() * 1_000_000 },
        Duration = new DurationInfo { Nanoseconds = duration.Ticks * 100 },
    };
}
