using Mesos.Hosting.Dispatch;
using Mesos.Hosting.GenericHost;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The mesos-executor health check of a driver whose agent does not answer, on a clock the test drives.</summary>
public sealed class ExecutorHealthTests
{
    [Fact]
    public async Task Not_started_is_degraded_subscribing_is_degraded_and_a_stopped_driver_is_unhealthy()
    {
        // A checkpointing executor keeps trying within its recovery timeout: the fake clock holds it between attempts.
        var time = new FakeTimeProvider();
        var driver = UnreachableAgent.Driver(UnreachableAgent.Environment(checkpoint: true), time);
        var loop = new ExecutorLoop(driver, new MesosExecutorOptions(), new IdleInvoker(), time, NullLogger.Instance, () => { }, () => { });
        var check = new MesosExecutorHealthCheck(loop, driver);

        var notStarted = await check.CheckHealthAsync(new HealthCheckContext());
        using var stopping = new CancellationTokenSource();
        var running = loop.RunAsync(stopping.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (loop.SubscribeAttempts == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        var subscribing = await check.CheckHealthAsync(new HealthCheckContext());
        await stopping.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Degraded, "Not started yet"), (notStarted.Status, notStarted.Description));
        Assert.Equal((HealthStatus.Degraded, "Subscribing to the Mesos agent"), (subscribing.Status, subscribing.Description));
        Assert.Equal((HealthStatus.Unhealthy, "The executor driver has stopped"), (stopped.Status, stopped.Description));
        Assert.Equal("no task reported on", driver.TaskSummary());
    }

    private sealed class IdleInvoker : IHandlerInvoker<IMesosExecutor>
    {
        public Task InvokeAsync<TState>(Func<IMesosExecutor, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken)
            => Task.CompletedTask;
    }
}
