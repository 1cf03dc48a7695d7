using Mesos.Hosting.GenericHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

#pragma warning disable IDE0130 // Beside the Generic Host's own Host.CreateApplicationBuilder, where a Program.cs finds it.
namespace Microsoft.Extensions.Hosting;
#pragma warning restore IDE0130

/// <summary>
/// A Generic Host builder with only what an executor needs, for executors that must start fast: every task of a
/// new executor waits for its process to start and subscribe. <c>Host.CreateApplicationBuilder</c> also reads
/// appsettings files, user secrets and DOTNET_ variables, watches files for changes and adds the debug and
/// event-source loggers; an executor's configuration is its MESOS_* environment, and its logs are its sandbox's
/// stdout and stderr. This one takes configuration from environment variables and the command line, and logs to
/// standard output in the console logger's simple format, with levels from the <c>Logging</c> section, without the
/// console lifetime's status messages. For the console logger's own options (a JSON format, timestamps), call
/// <c>builder.Logging.ClearProviders().AddConsole(…)</c>. Its service provider resolves by reflection alone, as under
/// NativeAOT, unless the application set the <c>Microsoft.Extensions.DependencyInjection.DisableDynamicEngine</c> switch;
/// the host's own start-up services are registered as factories, so that it has few constructors to find by reflection.
/// </summary>
public static class MesosExecutorHost
{
    private const string DisableDynamicEngine = "Microsoft.Extensions.DependencyInjection.DisableDynamicEngine";

    /// <summary>Creates the builder; add the executor with <c>AddMesosExecutor</c> or <c>AddMesosTaskExecutor</c>.</summary>
    public static HostApplicationBuilder CreateApplicationBuilder(string[]? args = null)
    {
        // The container's dynamic engine compiles, on the thread pool, a resolver for each service asked for twice: work
        // that pays off over a long life, and that a starting executor's two cores spend instead on reaching its agent.
        // A switch the application set itself stands.
        if (!AppContext.TryGetSwitch(DisableDynamicEngine, out _))
        {
            AppContext.SetSwitch(DisableDynamicEngine, true);
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables();
        if (args is { Length: > 0 })
        {
            builder.Configuration.AddCommandLine(args);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.AddSingleton<ILoggerProvider>(_ => new SandboxConsoleLoggerProvider());

        // "Application started. Press Ctrl+C to shut down.", the environment's name and the content root say nothing
        // in a sandbox that the executor's own start message does not; formatting them is start-up time.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        StartupServiceFactories.Register(builder.Services);
        return builder;
    }
}
