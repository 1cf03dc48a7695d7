using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A scheduler program configured from the command line (--Mesos:Scheduler:Master=…). Without a Work or Workloads
// section it only subscribes; with --Work:Tasks=N --Work:Ledger=FOLDER it runs N shell tasks, sharing its progress
// through the folder with every other instance of the framework, as a highly available framework would through its
// store; with --Workloads:Tasks=N it submits N tasks to the SDK's workloads, whose store is the SQLite file at
// --Mesos:Workloads:StorePath, or ZooKeeper when --Mesos:Scheduler:HighAvailability:ZooKeeper is given.
var builder = Host.CreateApplicationBuilder(args);
var work = builder.Configuration.GetSection(LedgerOptions.SectionName).Get<LedgerOptions>();
var workloads = builder.Configuration.GetSection(WorkloadsRunOptions.SectionName).Get<WorkloadsRunOptions>();
var mesos = builder.Configuration.GetSection(MesosSchedulerOptions.SectionName);
if (workloads is { Tasks: > 0 })
{
    builder.Services.AddSingleton(workloads);
    builder.Services.AddMesosWorkloads(builder.Configuration.GetSection("Mesos"));
    builder.Services.AddHostedService<WorkloadSubmitter>();
}
else if (work is { Tasks: > 0 })
{
    builder.Services.AddSingleton(work);
    builder.Services.AddSingleton(new TaskLedger(work.Ledger, work.Tasks));
    builder.Services.AddMesosScheduler<LedgerScheduler>(mesos);
}
else
{
    builder.Services.AddMesosScheduler<IdleScheduler>(mesos);
}

await builder.Build().RunAsync();

/// <summary>Takes every callback's default: offers are declined by the driver, updates acknowledged.</summary>
internal sealed class IdleScheduler : MesosScheduler
{
}
