using Serilog;

namespace MyFramework;

/// <summary>The scheduler's host, as Program.cs, the local run and the tests build it: the workloads, the work, health over HTTP.</summary>
public static class FrameworkApp
{
    /// <summary>
    /// The scheduler; <paramref name="settings"/> (a local cluster's master, a test's folders) win over every other
    /// setting but the command line's.
    /// </summary>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // appsettings.json sits beside the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        // The command line has the last word, so that a local run can be told otherwise (another executor, say).
        builder.Configuration.AddCommandLine(args);

        // Marathon gives the app the port it picked for it in PORT0 (see marathon.json): the health checks ask there.
        if (builder.Configuration["PORT0"] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://*:{port}");
        }

        builder.Services.AddSerilog((_, logging) => logging.ReadFrom.Configuration(builder.Configuration));
        builder.Services.Configure<WorkOptions>(builder.Configuration.GetSection(WorkOptions.SectionName));
        builder.Services.AddSingleton<FrameworkTasks>();

        // The SDK's scheduler (Mesos:Scheduler) with its workloads (Mesos:Workloads), and their health checks.
        builder.Services.AddMesosWorkloads(builder.Configuration.GetSection("Mesos"));
        builder.Services.AddHostedService<FrameworkWork>();

        var app = builder.Build();
        app.MapHealthEndpoints();
        return app;
    }
}
