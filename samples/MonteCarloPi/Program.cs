using System.Globalization;
using Mesos.Hosting.Executor;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonteCarloPi;
using Serilog;

// One program, two roles: started by a Mesos agent (MESOS_* in its environment) it is the executor;
// started by you it is the scheduler, on the master in appsettings.json or, with --local, on a
// local cluster of its own.
if (MesosExecutorEnvironment.IsExecutorProcess())
{
    var executor = Host.CreateApplicationBuilder(Settings(args));
    executor.Services.AddSerilog((services, logging) => logging.ReadFrom.Configuration(executor.Configuration));
    executor.Services.AddMesosTaskExecutor<PiTaskRunner>();
    await executor.Build().RunAsync();

    // Non-zero when the SDK stopped the host: 2 for a broken environment, 1 for an unrecoverable error.
    return Environment.ExitCode;
}

var local = args.Contains("--local");
var builder = Host.CreateApplicationBuilder(Settings(args.Where(a => a != "--local").ToArray()));
builder.Services.AddSerilog((services, logging) => logging.ReadFrom.Configuration(builder.Configuration));
await using var cluster = local ? await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 }) : null;
if (cluster is not null)
{
    builder.Configuration["Mesos:Scheduler:Master"] = cluster.MasterUri.ToString();
}

builder.Services.Configure<PiOptions>(builder.Configuration.GetSection("Pi"));
builder.Services.AddSingleton<PiJob>();
builder.Services.AddSingleton<PiExecutorCommand>();

// One backoff for the framework's life: how long each agent's declined offers stay away grows across callbacks.
builder.Services.AddSingleton(new RefuseFilterBackoff());
builder.Services.AddMesosScheduler<PiScheduler>(builder.Configuration.GetSection("Mesos:Scheduler"));
using var host = builder.Build();
var job = host.Services.GetRequiredService<PiJob>();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

await host.StartAsync();
double pi;
try
{
    pi = await job.Estimate.Task.WaitAsync(lifetime.ApplicationStopping);
}
catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
{
    // The SDK has logged why when it stopped the host itself (2: invalid options, 1: an unrecoverable error).
    await host.StopAsync();
    if (Environment.ExitCode != 0)
    {
        return Environment.ExitCode;
    }

    Console.Error.WriteLine($"No estimate: {ex.Message}");
    return 1;
}

// The job is done: tearing the framework down makes Mesos shut its executors down.
await host.Services.GetRequiredService<ISchedulerDriver>().TeardownAsync();
await host.StopAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"π ≈ {pi:F6} ({job.Options.Samples:N0} points over {job.Options.Tasks} tasks; off by {Math.Abs(pi - Math.PI):F6})"));
return 0;

// appsettings.json sits beside the program, wherever it is started from.
static HostApplicationBuilderSettings Settings(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };
