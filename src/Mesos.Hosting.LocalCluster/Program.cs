using System.Runtime.InteropServices;
using Mesos.Hosting.LocalCluster;
using Mesos.Hosting.Testing;

if (OperatorCommands.IsCommand(args))
{
    using var interrupted = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, interrupted.CancelAsync());
    return await OperatorCommands.RunAsync(args, interrupted.Token);
}

LocalMesosClusterOptions options;
try
{
    options = LocalClusterArguments.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"mesos-local: {ex.Message}\n\n{LocalClusterArguments.Usage}");
    return 2;
}

LocalMesosCluster cluster;
try
{
    cluster = await LocalMesosCluster.StartAsync(options);
}
catch (Exception ex) when (ex is IOException or ArgumentException or FormatException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"mesos-local: could not start: {ex.Message}");
    return 1;
}

await using (cluster)
{
    var stop = new TaskCompletionSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

    var master = cluster.MasterUri.ToString().TrimEnd('/');
    Console.WriteLine($"mesos-local: master at {master}");
    Console.WriteLine($"mesos-local: web view at {master}/ (agents, frameworks and tasks, live)");
    for (var i = 0; options.Simulation is null && i < cluster.AgentUris.Count; i++)
    {
        Console.WriteLine($"mesos-local: agent {cluster.AgentIds[i]} at {cluster.AgentUris[i].ToString().TrimEnd('/')}");
    }

    if (options.ZooKeeper is not null)
    {
        Console.WriteLine("mesos-local: the masters contend in ZooKeeper (--zk); the lowest json.info_ node leads");
    }

    if (options.Simulation is not null)
    {
        Console.WriteLine($"mesos-local: {cluster.AgentIds.Count} simulated agents: tasks run in process, no agent serves HTTP");
    }
    else
    {
        Console.WriteLine($"mesos-local: sandboxes under {cluster.WorkDirectory}");
    }
    await stop.Task;
    Console.WriteLine("mesos-local: stopping; every task and executor it launched is killed");

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.TrySetResult();
    }
}

return 0;
