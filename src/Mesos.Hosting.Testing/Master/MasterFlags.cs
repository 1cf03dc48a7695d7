using System.Globalization;
using Mesos.V1.Master;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// GET_FLAGS: the real Mesos master flags whose values the local master has, written as Mesos writes
/// them (strings, durations in stout's form). Flags the local master has no counterpart for are left out.
/// </summary>
internal static class MasterFlags
{
    public static Response.Types.GetFlags Read(MasterState state, int index)
    {
        var options = state.Options;
        var authenticate = options.Credentials is null ? "false" : "true";
        var flags = new Response.Types.GetFlags();
        flags.Flags.Add(
        [
            Flag("hostname", options.Hostname),
            Flag("ip", options.Hostname),
            Flag("port", state.Masters[index].Port.ToString(CultureInfo.InvariantCulture)),
            Flag("authenticate_frameworks", authenticate),
            Flag("authenticate_http_frameworks", authenticate),
            Flag("allocation_interval", DurationText.Format(options.AllocationInterval)),
            Flag("max_completed_frameworks", MasterState.MaxCompletedFrameworks.ToString(CultureInfo.InvariantCulture)),
            Flag("max_completed_tasks_per_framework", FrameworkRecord.MaxCompletedTasks.ToString(CultureInfo.InvariantCulture)),
        ]);
        if (options.Roles is { } roles)
        {
            flags.Flags.Add(Flag("roles", string.Join(",", roles)));
        }

        if (options.ZooKeeper is { } zooKeeper)
        {
            flags.Flags.Add(Flag("zk", zooKeeper));
        }

        return flags;
    }

    private static Mesos.V1.Flag Flag(string name, string value) => new() { Name = name, Value = value };
}
