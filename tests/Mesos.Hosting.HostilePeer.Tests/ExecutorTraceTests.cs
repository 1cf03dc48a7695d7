using System.Collections.Concurrent;
using System.Diagnostics;
using Mesos.Hosting.Diagnostics;
using Mesos.V1;
using Mesos.V1.Executor;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// A custom executor's spans: its subscriptions and a reconnection (an agent that ends the stream, then answers 503
/// once), and a task's run, which the driver keeps from the launch to the terminal update whoever sends the updates.
/// </summary>
[Collection(nameof(ProcessWideListeners))]
public sealed class ExecutorTraceTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private static readonly ActivityContext Scheduler = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    [Fact]
    public async Task Subscriptions_a_reconnection_and_a_custom_executors_task_run_are_spans_under_the_schedulers_trace()
    {
        using var spans = new SpanRecorder();
        await using var agent = await HostileAgent.StartAsync(async (context, attempt) =>
        {
            switch (attempt)
            {
                case 1:
                    await HostileAgent.SubscribedAsync(context, TracedLaunch("traced"));
                    break;
                case 2:
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    break;
                default:
                    await HostileAgent.SubscribedAsync(context);
                    await HostileServer.HoldAsync(context);
                    break;
            }
        });
        await using var executor = await ExecutorUnderTest.StartAsync(agent, checkpoint: true);
        await agent.Subscribes.WaitForCountAsync(3, Generous, "a third SUBSCRIBE");
        await spans.WaitForAsync("mesos.executor.reconnect", "the reconnection to end");

        // Sent from outside any span, as a custom executor's own worker would: still under the task's run.
        foreach (var state in new[] { TaskState.TaskRunning, TaskState.TaskFinished })
        {
            await executor.Driver.SendStatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = "traced" }, State = state }, CancellationToken.None);
        }

        await spans.WaitForAsync("mesos.executor.run", "the task's run to end");
        var launch = Assert.Single(spans.Named("mesos.executor.launch"));
        Assert.Equal((Scheduler.TraceId, Scheduler.SpanId), (launch.TraceId, launch.ParentSpanId));
        var run = Assert.Single(spans.Named("mesos.executor.run"));
        Assert.Equal((launch.SpanId, "TASK_FINISHED", ActivityStatusCode.Unset), (run.ParentSpanId, (string?)run.GetTagItem("mesos.task.state"), run.Status));
        var updates = spans.Named("mesos.executor.update");
        Assert.Equal(["TASK_RUNNING", "TASK_FINISHED"], updates.Select(u => (string?)u.GetTagItem("mesos.task.state")));
        Assert.All(updates, u => Assert.Equal(run.SpanId, u.ParentSpanId));

        var subscribes = spans.Named("mesos.executor.subscribe");
        var first = subscribes[0];
        Assert.Equal((default, 1, "subscribed"), (first.ParentSpanId, (int?)first.GetTagItem("mesos.subscribe.attempt"), (string?)first.GetTagItem("mesos.outcome")));
        var reconnect = Assert.Single(spans.Named("mesos.executor.reconnect"));
        Assert.Equal(("subscribed", 2), ((string?)reconnect.GetTagItem("mesos.outcome"), (int?)reconnect.GetTagItem("mesos.subscribe.attempt")));
        Assert.False(string.IsNullOrEmpty((string?)reconnect.GetTagItem("mesos.reason")));
        var attempts = subscribes.Where(s => s.ParentSpanId == reconnect.SpanId).ToList();
        Assert.Equal([(1, "unavailable"), (2, "subscribed")], attempts.Select(a => ((int)a.GetTagItem("mesos.subscribe.attempt")!, (string?)a.GetTagItem("mesos.outcome"))));
        Assert.Equal("127.0.0.1", first.GetTagItem("server.address"));
        Assert.All(subscribes, s => Assert.Equal("fw", s.GetTagItem("mesos.framework.id")));
    }

    private static Event TracedLaunch(string taskId)
    {
        var launch = HostileAgent.Launch(taskId);
        launch.Launch.Task.Labels = new Labels { Labels_ = { new Label { Key = "traceparent", Value = $"00-{Scheduler.TraceId.ToHexString()}-{Scheduler.SpanId.ToHexString()}-01" } } };
        return launch;
    }

    /// <summary>Every Mesos.Hosting span that ends while it listens, in the order they end.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Observed<Activity> _ended = new();

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == MesosDiagnostics.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _ended.Add,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<Activity> Named(string name) => [.. _ended.Snapshot().Where(a => a.OperationName == name).OrderBy(a => a.StartTimeUtc)];

        public Task WaitForAsync(string name, string what) => _ended.WaitAsync(ended => ended.Any(a => a.OperationName == name), Generous, what);

        public void Dispose() => _listener.Dispose();
    }
}
