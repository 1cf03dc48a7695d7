using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>An executor environment whose agent nobody listens on, and a driver for it: for tests that never reach one.</summary>
internal static class UnreachableAgent
{
    public static MesosExecutorEnvironment Environment(bool checkpoint = false) => new()
    {
        FrameworkId = "fw",
        ExecutorId = "ex",
        AgentEndpoint = new Uri("http://127.0.0.1:1/"),
        Checkpoint = checkpoint,
        ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        RecoveryTimeout = checkpoint ? TimeSpan.FromMinutes(15) : null,
        SubscriptionBackoffMax = checkpoint ? TimeSpan.FromSeconds(2) : null,
    };

    public static ExecutorDriver Driver(MesosExecutorEnvironment environment, TimeProvider time)
    {
        var settings = new MesosConnectionSettings { Codec = MesosCodec.Protobuf, CallTimeout = TimeSpan.FromSeconds(1) };
        return new ExecutorDriver(environment, new MesosExecutorOptions(), new ExecutorConnection(environment.AgentEndpoint, settings, time), time, NullLogger.Instance, () => { });
    }
}
