using Mesos.Hosting.Testing;
using Microsoft.Extensions.Logging;
using MyFramework;

// The framework's scheduler as it runs in production, on a Mesos master and two agents inside this process.
await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
var settings = new Dictionary<string, string?>
{
    ["Mesos:Scheduler:Master"] = cluster.MasterUri.ToString(),

    // A local cluster's framework and its work end with it: their state stays in its folder, out of the files
    // a framework on a real master resumes from.
    ["Mesos:Scheduler:FrameworkIdFile"] = Path.Combine(cluster.WorkDirectory, "framework-id"),
    ["Mesos:Workloads:StorePath"] = Path.Combine(cluster.WorkDirectory, "workloads.db"),
#if (executor)

    // The agents start the executor's build; `-- --Work:ExecutorCommand=PATH` names another, such as its NativeAOT publish.
    ["Work:ExecutorCommand"] = ExecutorBuild.Command,
#endif
};

await using var app = FrameworkApp.Create(args, settings);
app.Logger.LogInformation("Local Mesos cluster: {Master} (open it in a browser to watch its agents, frameworks and tasks)", cluster.MasterUri);
await app.RunAsync();
