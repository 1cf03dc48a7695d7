using Mesos.Hosting.Executor;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>An executor as a user writes it (a Generic Host with AddMesosExecutor), its environment pointed at a hostile agent.</summary>
internal sealed partial class ExecutorUnderTest : IAsyncDisposable
{
    /// <summary>The task whose launch callback throws, as a broken one does.</summary>
    public const string ThrowingTask = "launch-throws";

    private ExecutorUnderTest(IHost host, LogSink logs, Task running)
    {
        Host = host;
        Logs = logs;
        Running = running;
    }

    public IHost Host { get; }

    public LogSink Logs { get; }

    /// <summary>The host's run: it completes when the executor stops the host.</summary>
    public Task Running { get; }

    public IExecutorDriver Driver => Host.Services.GetRequiredService<IExecutorDriver>();

    public static async Task<ExecutorUnderTest> StartAsync(HostileAgent agent, bool checkpoint, Action<MesosExecutorOptions>? configure = null)
    {
        var logs = new LogSink();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddMesosExecutor<IdleExecutor>(o =>
        {
            o.AgentEndpoint = agent.Endpoint;
            o.FrameworkId = "fw";
            o.ExecutorId = "ex";
            o.Checkpoint = checkpoint;
            o.ShutdownGracePeriod = TimeSpan.FromSeconds(2);
            o.RecoveryTimeout = TimeSpan.FromSeconds(3);
            o.SubscriptionBackoffMax = TimeSpan.FromMilliseconds(200);
            o.SubscribeRetryInterval = TimeSpan.FromMilliseconds(100);
            o.CallTimeout = TimeSpan.FromSeconds(2);

            // The executor runs inside the test process: its process group is the test run's.
            o.HardExitAfterGracePeriod = false;
            configure?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ExecutorUnderTest(host, logs, host.WaitForShutdownAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }

    /// <summary>
    /// Does nothing with its tasks, the tests driving updates through the driver; but <see cref="ThrowingTask"/>'s launch
    /// throws, and the shutdown callback says in the log that it ran.
    /// </summary>
    private sealed partial class IdleExecutor(ILogger<IdleExecutor> logger) : MesosExecutor
    {
        public override Task LaunchTaskAsync(TaskInfo task, CancellationToken cancellationToken) =>
            task.TaskId.Value == ThrowingTask ? throw new InvalidOperationException("a broken launch callback") : Task.CompletedTask;

        public override Task ShutdownAsync(CancellationToken cancellationToken)
        {
            ShutdownRan(logger);
            return Task.CompletedTask;
        }

        [LoggerMessage(LogLevel.Information, "The shutdown callback ran")]
        private static partial void ShutdownRan(ILogger logger);
    }
}
