using System.Net;
using System.Net.Sockets;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>Loopback ports nothing listens on right now, as the kernel hands them out.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        // All held open together, so that the kernel cannot hand out the same port twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
