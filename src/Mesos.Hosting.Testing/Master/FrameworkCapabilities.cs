using Mesos.V1;
using Capability = Mesos.V1.FrameworkInfo.Types.Capability.Types.Type;

namespace Mesos.Hosting.Testing.Master;

/// <summary>What a FrameworkInfo says about the framework, read the way master and agents both need it.</summary>
internal static class FrameworkCapabilities
{
    public static bool Has(FrameworkInfo info, Capability capability) => info.Capabilities.Any(c => c.Type == capability);

    /// <summary>The framework's roles: <c>roles</c> with MULTI_ROLE, else the single deprecated <c>role</c>.</summary>
    public static List<string> Roles(FrameworkInfo info) => Has(info, Capability.MultiRole) ? [.. info.Roles] : [info.Role];
}
