using Mesos.V1;
using Mesos.V1.Maintenance;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The maintenance schedule and the mode of every machine in it, as Mesos's <c>master->machines</c> and
/// <c>master->maintenance.schedules</c>: a scheduled machine starts DRAINING, START_MAINTENANCE takes it
/// DOWN, STOP_MAINTENANCE brings it UP and out of the schedule. Guarded by the master's lock.
/// </summary>
internal sealed class MaintenanceState
{
    private readonly Dictionary<MachineKey, MachineInfo> _machines = [];

    /// <summary>The one schedule Mesos keeps (it allows no more than one).</summary>
    public Schedule Schedule { get; private set; } = new();

    public IEnumerable<MachineInfo> Machines => _machines.Values;

    public MachineInfo.Types.Mode? ModeOf(MachineID id) => _machines.TryGetValue(MachineKey.Of(id), out var info) ? info.Mode : null;

    /// <summary>
    /// Replaces the schedule: machines that left it come UP (and are forgotten), new ones start DRAINING,
    /// and machines already DRAINING or DOWN keep their mode with the new unavailability.
    /// </summary>
    public void Replace(Schedule schedule)
    {
        var windows = schedule.Windows.SelectMany(w => w.MachineIds.Select(id => (Key: MachineKey.Of(id), Id: id, w.Unavailability))).ToList();
        var kept = windows.Select(w => w.Key).ToHashSet();
        foreach (var key in _machines.Keys.Where(k => !kept.Contains(k)).ToList())
        {
            _machines.Remove(key);
        }

        foreach (var (key, id, unavailability) in windows)
        {
            if (_machines.TryGetValue(key, out var known))
            {
                known.Unavailability = unavailability.Clone();
            }
            else
            {
                _machines[key] = new MachineInfo { Id = id.Clone(), Mode = MachineInfo.Types.Mode.Draining, Unavailability = unavailability.Clone() };
            }
        }

        Schedule = schedule.Clone();
    }

    public void BringDown(IEnumerable<MachineID> ids)
    {
        foreach (var id in ids)
        {
            _machines[MachineKey.Of(id)].Mode = MachineInfo.Types.Mode.Down;
        }
    }

    /// <summary>The machines are UP again: out of the machine list, and out of the schedule with any window they leave empty.</summary>
    public void BringUp(IEnumerable<MachineID> ids)
    {
        var up = ids.Select(MachineKey.Of).ToHashSet();
        foreach (var key in up)
        {
            _machines.Remove(key);
        }

        foreach (var window in Schedule.Windows.ToList())
        {
            foreach (var id in window.MachineIds.Where(id => up.Contains(MachineKey.Of(id))).ToList())
            {
                window.MachineIds.Remove(id);
            }

            if (window.MachineIds.Count == 0)
            {
                Schedule.Windows.Remove(window);
            }
        }
    }
}
