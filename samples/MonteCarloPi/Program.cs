using System.Globalization;
using Mesos.Hosting.Executor;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Workloads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    // A fresh cluster gets a fresh store, deleted with it: a store kept from an earlier run would hand that
    // run's results back for the same share IDs, and the tasks would never run on this cluster.
    builder.Configuration["Mesos:Workloads:StorePath"] = Path.Combine(cluster.WorkDirectory, "workloads.db");
}

builder.Services.Configure<PiOptions>(builder.Configuration.GetSection("Pi"));
builder.Services.AddSingleton<PiExecutorCommand>();
builder.Services.AddSingleton<PiJob>();
builder.Services.AddMesosWorkloads(builder.Configuration.GetSection("Mesos"));
using var host = builder.Build();
PiJob job;
try
{
    job = host.Services.GetRequiredService<PiJob>();
}
catch (ArgumentException ex)
{
    // A job that cannot be split is refused as the SDK refuses bad options: one line naming the keys, exit code 2.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var logger = host.Services.GetRequiredService<ILogger<PiJob>>();
await host.StartAsync();
if (lifetime.ApplicationStopping.IsCancellationRequested)
{
    // The SDK refused the options as the host started: it has named every problem and set the exit code (2).
    await host.StopAsync();
    return Environment.ExitCode;
}

IReadOnlyList<WorkloadResult> results;
try
{
    results = await RunAsync(job, host.Services.GetRequiredService<IMesosWorkloads>(), logger, lifetime.ApplicationStopping);
}
catch (OperationCanceledException ex)
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

// The job is done (or gave up): tearing the framework down makes Mesos shut its executors down.
var driver = host.Services.GetRequiredService<ISchedulerDriver>();
PiLog.TearingDown(logger, driver.FrameworkId?.Value ?? "(none)");
await driver.TeardownAsync();
await host.StopAsync();
var estimate = PiEstimate.Of(job, results);
if (estimate.Pi is not { } pi)
{
    Console.Error.WriteLine($"No estimate: {string.Join("; ", estimate.Failures)}");
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"π ≈ {pi:F6} ({job.Options.Samples:N0} points over {job.Options.Tasks} tasks; off by {Math.Abs(pi - Math.PI):F6})"));
return 0;

// Submits every share and awaits them all; the SDK places, launches and retries them meanwhile.
static async Task<IReadOnlyList<WorkloadResult>> RunAsync(PiJob job, IMesosWorkloads workloads, Microsoft.Extensions.Logging.ILogger logger, CancellationToken stopping)
{
    var done = 0;
    var ends = new List<Task<WorkloadResult>>();
    foreach (var chunk in job.Chunks)
    {
        var handle = await workloads.SubmitAsync(job.Request(chunk), stopping);
        ends.Add(LoggedAsync(chunk, handle.Completion));
    }

    PiLog.Submitted(logger, job.Chunks.Count, job.Options.Samples);
    return await Task.WhenAll(ends).WaitAsync(stopping);

    async Task<WorkloadResult> LoggedAsync(PiChunk chunk, Task<WorkloadResult> completion)
    {
        var result = await completion;
        PiLog.ShareEnded(logger, chunk.Index, result.Outcome, result.CountedAttempts, result.Attempts[^1].TaskId, Interlocked.Increment(ref done), job.Chunks.Count);
        return result;
    }
}

// appsettings.json sits beside the program, wherever it is started from.
static HostApplicationBuilderSettings Settings(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };
