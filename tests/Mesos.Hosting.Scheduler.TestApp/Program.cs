using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A framework that does nothing but subscribe, configured from the command line (--Mesos:Scheduler:Master=…).
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddMesosScheduler<IdleScheduler>(builder.Configuration.GetSection(MesosSchedulerOptions.SectionName));
await builder.Build().RunAsync();

/// <summary>Takes every callback's default: offers are declined by the driver, updates acknowledged.</summary>
internal sealed class IdleScheduler : MesosScheduler
{
}
