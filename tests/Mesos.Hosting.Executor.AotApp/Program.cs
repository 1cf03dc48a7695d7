using Mesos.Hosting.Executor.TestApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = MesosExecutorHost.CreateApplicationBuilder(args);
builder.Services.AddMesosTaskExecutor<BehavingTaskRunner>();
await builder.Build().RunAsync();
