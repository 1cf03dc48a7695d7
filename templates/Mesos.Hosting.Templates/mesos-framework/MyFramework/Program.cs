#if (executor)
using Mesos.Hosting.Executor;
#endif
using MyFramework;
#if (executor)
using Serilog;

// One program, two roles: started by a Mesos agent (MESOS_* in its environment) it is the executor.
if (MesosExecutorEnvironment.IsExecutorProcess())
{
    // No web server here: the executor's health is its agent's business.
    var executor = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    executor.Services.AddSerilog((_, logging) => logging.ReadFrom.Configuration(executor.Configuration));
    executor.Services.AddMesosTaskExecutor<FrameworkTaskRunner>();
    await executor.Build().RunAsync();
    return;
}
#endif

// The scheduler, on the master in appsettings.json (MyFramework.Local runs it on a local cluster). It stops itself
// once its work is done, with exit code 1 if some of it failed on every attempt.
await using var app = FrameworkApp.Create(args);
await app.RunAsync();
