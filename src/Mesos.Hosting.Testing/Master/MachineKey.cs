using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>A machine's identity as Mesos compares MachineIDs: the hostname without regard to case, and the IP.</summary>
internal readonly record struct MachineKey(string Hostname, string Ip)
{
    public static MachineKey Of(MachineID id) => new(id.Hostname.ToLowerInvariant(), id.Ip);

    /// <summary>The machine an agent runs on: its hostname and the address it serves on.</summary>
    public static MachineKey Of(Agent.LocalAgent agent) => new(agent.Info.Hostname.ToLowerInvariant(), agent.Options.Hostname);

    /// <summary>A machine as Mesos names it in its messages, <c>stringify(JSON::protobuf(id))</c>.</summary>
    public static string Describe(MachineID id)
    {
        var fields = new List<string>();
        if (id.HasHostname)
        {
            fields.Add($"\"hostname\":\"{id.Hostname}\"");
        }

        if (id.HasIp)
        {
            fields.Add($"\"ip\":\"{id.Ip}\"");
        }

        return "{" + string.Join(',', fields) + "}";
    }

    /// <summary>A machine as protobuf's <c>DebugString()</c> writes it, which Mesos's schedule validation quotes.</summary>
    public static string Debug(MachineID id)
        => (id.HasHostname ? $"hostname: \"{id.Hostname}\"\n" : string.Empty) + (id.HasIp ? $"ip: \"{id.Ip}\"\n" : string.Empty);
}
