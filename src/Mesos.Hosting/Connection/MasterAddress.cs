using System.Globalization;
using System.Net;
using Mesos.V1;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The URL of a master from its MasterInfo, as Mesos's scheduler library builds it: from <c>address</c>
/// (ip and port), else from the <c>pid</c> (<c>master@ip:port</c>), else from the deprecated <c>ip</c>, a
/// uint32 in network byte order, and <c>port</c>. The scheme is not in a MasterInfo; the caller says it.
/// </summary>
internal static class MasterAddress
{
    /// <summary>The master's base URL, or null with the reason when the MasterInfo names no usable address.</summary>
    public static Uri? From(MasterInfo master, string scheme, out string? problem)
    {
        problem = null;
        if (master.Address is { Ip.Length: > 0 } address && IPAddress.TryParse(address.Ip, out var ip) && IsPort(address.Port))
        {
            return Build(scheme, ip, address.Port);
        }

        if (master.HasPid && master.Pid.Split('@', 2) is [_, var endpoint] && IPEndPoint.TryParse(endpoint, out var parsed) && IsPort(parsed.Port))
        {
            return Build(scheme, parsed.Address, parsed.Port);
        }

        if (master.HasIp && IsPort((int)master.Port))
        {
            // Network byte order in a little-endian uint32: 127.0.0.1 is 16777343.
            return Build(scheme, new IPAddress(master.Ip), (int)master.Port);
        }

        problem = $"the MasterInfo of master '{master.Id}' names no usable address (address '{master.Address?.Ip}:{master.Address?.Port}', pid '{master.Pid}')";
        return null;
    }

    private static bool IsPort(int port) => port is > 0 and <= 65535;

    private static Uri Build(string scheme, IPAddress ip, int port)
        => new(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString())}:{port}/"));
}
