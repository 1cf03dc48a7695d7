using System.Net;
using System.Net.Sockets;
using Mesos.V1;
using Mesos.V1.Maintenance;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Mesos's <c>maintenance::validation</c> (src/master/maintenance.cpp): the reason a schedule or a machine list is refused, or null.</summary>
internal static class MaintenanceValidator
{
    /// <summary>Every window names machines, no duration is negative, no machine appears twice, and no DOWN machine leaves.</summary>
    public static string? Schedule(Schedule schedule, MaintenanceState state)
    {
        var updated = new HashSet<MachineKey>();
        foreach (var window in schedule.Windows)
        {
            if (window.MachineIds.Count == 0)
            {
                return "List of machines in the maintenance window is empty";
            }

            if (window.Unavailability.Duration is { Nanoseconds: < 0 })
            {
                return "Unavailability 'duration' is negative";
            }

            foreach (var id in window.MachineIds)
            {
                if (Machine(id) is { } invalid)
                {
                    return invalid;
                }

                if (!updated.Add(MachineKey.Of(id)))
                {
                    return $"Machine '{MachineKey.Debug(id)}' appears more than once in the schedule";
                }
            }
        }

        return state.Machines.FirstOrDefault(m => m.Mode == MachineInfo.Types.Mode.Down && !updated.Contains(MachineKey.Of(m.Id))) is { } down
            ? $"Machine '{MachineKey.Debug(down.Id)}' is deactivated and cannot be removed from the schedule"
            : null;
    }

    /// <summary>The machines of START_MAINTENANCE and STOP_MAINTENANCE: at least one, each valid, none twice.</summary>
    public static string? Machines(IReadOnlyCollection<MachineID> ids)
    {
        if (ids.Count == 0)
        {
            return "List of machines is empty";
        }

        var unique = new HashSet<MachineKey>();
        foreach (var id in ids)
        {
            if (Machine(id) is { } invalid)
            {
                return invalid;
            }

            if (!unique.Add(MachineKey.Of(id)))
            {
                return $"Machine '{MachineKey.Debug(id)}' appears more than once in the schedule";
            }
        }

        return null;
    }

    private static string? Machine(MachineID id)
    {
        if (id.Hostname.Length == 0 && id.Ip.Length == 0)
        {
            return "Both 'hostname' and 'ip' for a machine are empty";
        }

        // Mesos parses the IP as an IPv4 address (net::IP::parse with AF_INET).
        return id.Ip.Length > 0 && !(IPAddress.TryParse(id.Ip, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && id.Ip.Count(c => c == '.') == 3)
            ? $"Failed to parse IP '{id.Ip}'"
            : null;
    }
}
