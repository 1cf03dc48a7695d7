using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>Call types by the names Mesos gives them (REVIVE, not Revive), for messages.</summary>
internal static class CallNames
{
    public static string Of(Call.Types.Type type) => Call.Descriptor.EnumTypes[0].FindValueByNumber((int)type)?.Name ?? type.ToString();
}
