using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A scheduler program configured from the command line (--Mesos:Scheduler:Master=…). Without a Work section it only
// subscribes; with --Work:Tasks=N --Work:Ledger=FOLDER it runs N shell tasks, sharing its progress through the folder
// with every other instance of the framework, as a highly available framework would through its store.
var builder = Host.CreateApplicationBuilder(args);
var work = builder.Configuration.GetSection(LedgerOptions.SectionName).Get<LedgerOptions>();
var mesos = builder.Configuration.GetSection(MesosSchedulerOptions.SectionName);
if (work is { Tasks: > 0 })
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
