using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;

namespace Mesos.Hosting.TestSupport.Hosting;

/// <summary>
/// The scheduler options of every in-process test host against a local cluster: its master, a failover timeout
/// that outlives a restart, quick reconnection, and errors kept inside the host for the test to see rather than
/// stopping the test process's host.
/// </summary>
internal static class LocalClusterSchedulerOptions
{
    public static void Apply(MesosSchedulerOptions options, LocalMesosCluster cluster, string frameworkName)
    {
        options.Master = cluster.MasterUri.ToString();
        options.Framework.Name = frameworkName;
        options.Framework.FailoverTimeout = TimeSpan.FromMinutes(5);
        options.ReconnectInitialDelay = TimeSpan.FromMilliseconds(100);
        options.ReconnectMaxDelay = TimeSpan.FromSeconds(1);
        options.StopApplicationOnError = false;
    }
}
