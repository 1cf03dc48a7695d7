using Mesos.V1;
using Mesos.V1.Maintenance;
using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The maintenance calls, with the checks and messages of Mesos's <c>Master::Http</c> (src/master/http.cpp):
/// a schedule puts machines in DRAINING, START_MAINTENANCE takes them DOWN (their agents removed, their tasks
/// lost or gone), STOP_MAINTENANCE brings them UP. Called with the lock held.
/// </summary>
internal sealed class MaintenanceCalls(MasterState state)
{
    private MaintenanceState Maintenance => state.Maintenance;

    public Response.Types.GetMaintenanceSchedule Schedule() => new() { Schedule = Maintenance.Schedule.Clone() };

    /// <summary>DRAINING and DOWN machines; UP machines are not listed, as Mesos does not track them. No inverse offers are made, so no statuses.</summary>
    public Response.Types.GetMaintenanceStatus Status()
    {
        var status = new ClusterStatus();
        foreach (var machine in Maintenance.Machines)
        {
            if (machine.Mode == MachineInfo.Types.Mode.Draining)
            {
                status.DrainingMachines.Add(new ClusterStatus.Types.DrainingMachine { Id = machine.Id.Clone() });
            }
            else if (machine.Mode == MachineInfo.Types.Mode.Down)
            {
                status.DownMachines.Add(machine.Id.Clone());
            }
        }

        return new Response.Types.GetMaintenanceStatus { Status = status };
    }

    public OperatorAnswer Update(Schedule schedule)
    {
        if (MaintenanceValidator.Schedule(schedule, Maintenance) is { } invalid)
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, invalid);
        }

        Maintenance.Replace(schedule);
        return OperatorAnswer.Empty;
    }

    /// <summary>The machines go DOWN: each agent on them is told to shut down and removed at once.</summary>
    public OperatorAnswer Start(IReadOnlyCollection<MachineID> machines)
    {
        if (Refusal(machines, MachineInfo.Types.Mode.Draining, "is not in DRAINING mode and cannot be brought down") is { } refused)
        {
            return refused;
        }

        var down = machines.Select(MachineKey.Of).ToHashSet();
        foreach (var agent in state.Agents.Where(a => down.Contains(MachineKey.Of(a))).ToList())
        {
            agent.Remove(AgentRemoval.MachineDown);
        }

        Maintenance.BringDown(machines);
        return OperatorAnswer.Empty;
    }

    public OperatorAnswer Stop(IReadOnlyCollection<MachineID> machines)
    {
        if (Refusal(machines, MachineInfo.Types.Mode.Down, "is not in DOWN mode and cannot be brought up") is { } refused)
        {
            return refused;
        }

        Maintenance.BringUp(machines);
        return OperatorAnswer.Empty;
    }

    private OperatorAnswer? Refusal(IReadOnlyCollection<MachineID> machines, MachineInfo.Types.Mode from, string wrongMode)
    {
        if (MaintenanceValidator.Machines(machines) is { } invalid)
        {
            return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, invalid);
        }

        foreach (var id in machines)
        {
            var mode = Maintenance.ModeOf(id);
            if (mode is null)
            {
                return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, $"Machine '{MachineKey.Describe(id)}' is not part of a maintenance schedule");
            }

            if (mode != from)
            {
                return OperatorAnswer.Fail(StatusCodes.Status400BadRequest, $"Machine '{MachineKey.Describe(id)}' {wrongMode}");
            }
        }

        return null;
    }
}
