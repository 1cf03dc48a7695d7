#if (executor)
using Mesos.Hosting.Executor;
#endif
using Mesos.Hosting.Testing;
using MyFramework;
using Serilog;

#if (executor)
// One program, two roles: started by a Mesos agent (MESOS_* in its environment) it is the executor.
if (MesosExecutorEnvironment.IsExecutorProcess())
{
    var executor = Host.CreateApplicationBuilder(FrameworkSetup.Settings(args));
    executor.Services.AddSerilog((_, logging) => logging.ReadFrom.Configuration(executor.Configuration));
    executor.Services.AddMesosTaskExecutor<FrameworkTaskRunner>();
    await executor.Build().RunAsync();
    return 0;
}

#endif
// The scheduler: on the master in appsettings.json, or with --local on a Mesos cluster inside this process.
var local = args.Contains("--local");
var builder = Host.CreateApplicationBuilder(FrameworkSetup.Settings(args.Where(a => a != "--local").ToArray()));
builder.Services.AddSerilog((_, logging) => logging.ReadFrom.Configuration(builder.Configuration));
await using var cluster = local ? await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 }) : null;
if (cluster is not null)
{
    builder.Configuration["Mesos:Scheduler:Master"] = cluster.MasterUri.ToString();

    // A local cluster's framework ends with it: its ID stays with it, out of the file a real master's framework resumes from.
    builder.Configuration["Mesos:Scheduler:FrameworkIdFile"] = Path.Combine(cluster.WorkDirectory, "framework-id");
}

builder.Services.AddFramework(builder.Configuration);
using var host = builder.Build();
var work = host.Services.GetRequiredService<WorkQueue>();
await host.RunAsync();
return work.Succeeded ? 0 : 1;
