using MyFramework.Executor;

// Started by a Mesos agent (its MESOS_* environment says where to subscribe) to run the framework's tasks. The SDK's
// lean host: configuration from the environment and the command line, console logs (the task's sandbox keeps them),
// levels from Logging__LogLevel__* variables; nothing that reflection or a web server would slow down.
var builder = MesosExecutorHost.CreateApplicationBuilder(args);
builder.Services.AddMesosTaskExecutor<FrameworkTaskRunner>();
await builder.Build().RunAsync();
