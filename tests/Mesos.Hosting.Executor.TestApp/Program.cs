using Mesos.Hosting.Executor.TestApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = MesosExecutorHost.CreateApplicationBuilder(args);
builder.Services.AddMesosTaskExecutor<BehavingTaskRunner>();
using var telemetry = builder.Configuration["Telemetry:File"] is { Length: > 0 } file ? JsonLinesTelemetry.Start(file) : null;
await builder.Build().RunAsync();
