using System.Diagnostics;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.OpenTelemetry;
using Mesos.Hosting.Testing;
using Mesos.V1;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Mesos.Hosting.TestSupport.Observation;
using static Mesos.Hosting.Executor.Tests.ExecutorTelemetryFile;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// Issue 15's done-when: a framework with a custom executor (a real child process the local cluster starts), both
/// wired to OpenTelemetry with AddMesosInstrumentation, makes one trace from the OFFERS event to the executor's
/// TASK_FINISHED; and every documented metric is exported with its unit and with no ID among its tags.
/// </summary>
[Collection(nameof(TelemetryListeners))]
public sealed class CrossProcessTraceTests
{
    [Fact]
    public async Task One_trace_runs_from_the_offers_event_through_accept_into_the_executor_process_to_task_finished()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddMesosInstrumentation().AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMesosInstrumentation().AddInMemoryExporter(metrics).Build();

        // The scheduler's acknowledgement of TASK_FINISHED can reach the executor before the scheduler has read the
        // master's answer to it and ended its span. Listening after the exporter, this hears each span once exported.
        var acknowledgements = 0;
        var bothAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var acknowledgementSpans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MesosDiagnostics.ActivitySourceName,
            ActivityStopped = span =>
            {
                if (span.OperationName == MesosTracing.SchedulerCall && (string?)span.GetTagItem(MesosTracing.RpcMethod) == "ACKNOWLEDGE"
                    && (string?)span.GetTagItem(MesosTracing.TaskId) == "traced" && Interlocked.Increment(ref acknowledgements) == 2)
                {
                    bothAcknowledged.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(acknowledgementSpans);
        var folder = Directory.CreateTempSubdirectory("mesos-otel-");
        var executor = new ExecutorTelemetryFile(Path.Combine(folder.FullName, "executor.jsonl"));
        var release = Path.Combine(folder.FullName, "finish");

        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("traced", "finish-when:" + release));
        scenario.ExecutorEnvironment["Telemetry__File"] = executor.Path;
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();
        await scenario.WaitForStateAsync("traced", TaskState.TaskRunning);

        // While the task runs the scheduler's gauges count it; then it is let finish.
        meters.ForceFlush();
        Assert.Contains(metrics, m => m.Name == "mesos.scheduler.tasks" && m.MetricPoints.Any(p => Tags(p).Contains(new("mesos.task.state", "TASK_RUNNING"))));
        await File.WriteAllTextAsync(release, "");
        await scenario.WaitForStateAsync("traced", TaskState.TaskFinished);
        await executor.WaitForAsync(
            f => f.Spans.Any(s => Text(s, "name") == MesosTracing.ExecutorAcknowledgement && Tag(s, "mesos.task.id") == "traced" && f.Spans.Any(u => Text(u, "spanId") == Text(s, "parentSpanId") && Tag(u, "mesos.task.state") == "TASK_FINISHED"))
                && f.Metrics.Any(m => Text(m, "name") == "mesos.executor.updates.acknowledged"),
            "the acknowledgement of TASK_FINISHED and its metrics");
        var ended = await Task.WhenAny(bothAcknowledged.Task, Task.Delay(TimeSpan.FromSeconds(30))) == bothAcknowledged.Task;
        Assert.True(ended, $"the scheduler's spans of its two acknowledgements of task traced did not both end within 30 s ({Volatile.Read(ref acknowledgements)} did)");
        await host.StopAsync();
        tracing.ForceFlush();
        meters.ForceFlush();

        // In the scheduler: the OFFERS event's span is the parent of the ACCEPT that launched the task.
        var accept = spans.Single(s => s.OperationName == MesosTracing.SchedulerCall && (string?)s.GetTagItem("rpc.method") == "ACCEPT" && ((string[]?)s.GetTagItem("mesos.task.ids"))?.Contains("traced") == true);
        var offers = spans.Single(s => s.SpanId == accept.ParentSpanId);
        Assert.Equal((MesosTracing.SchedulerEvent, "OFFERS", ActivityKind.Consumer), (offers.OperationName, (string?)offers.GetTagItem("mesos.event.type"), offers.Kind));
        Assert.Equal(default, offers.ParentSpanId);
        Assert.Equal(accept.TraceId, offers.TraceId);
        Assert.Equal(ActivityKind.Client, accept.Kind);
        Assert.Equal("mesos", accept.GetTagItem("rpc.system"));
        Assert.Equal(cluster.MasterUri.Host, accept.GetTagItem("server.address"));

        // The task carried the ACCEPT's context to the agent as a label (its ExecutorInfo untouched).
        var launched = cluster.Journal.SchedulerCalls.Select(c => c.Call).Single(c => c.Type == V1.Scheduler.Call.Types.Type.Accept && c.Accept.Operations.Any(o => o.Launch?.TaskInfos.Any(t => t.TaskId.Value == "traced") == true));
        var task = launched.Accept.Operations.SelectMany(o => o.Launch.TaskInfos).Single();
        Assert.Equal(TaskTraceContext.Format(accept.Context), task.Labels.Labels_.Single(l => l.Key == "traceparent").Value);
        Assert.DoesNotContain(task.Executor.Command.Environment.Variables, v => v.Name == "TRACEPARENT");

        // In the executor process: launch under the ACCEPT, run under launch, both updates under run, the acknowledgement under TASK_FINISHED.
        var traceId = accept.TraceId.ToHexString();
        var inTrace = executor.Spans.Where(s => Text(s, "traceId") == traceId && Tag(s, "mesos.task.id") == "traced").ToList();
        var launch = Assert.Single(inTrace, s => Text(s, "name") == MesosTracing.ExecutorLaunch);
        Assert.Equal(accept.SpanId.ToHexString(), Text(launch, "parentSpanId"));
        var run = Assert.Single(inTrace, s => Text(s, "name") == MesosTracing.ExecutorRun);
        Assert.Equal(Text(launch, "spanId"), Text(run, "parentSpanId"));
        var updates = inTrace.Where(s => Text(s, "name") == MesosTracing.ExecutorUpdate).ToList();
        Assert.Equal(["TASK_RUNNING", "TASK_FINISHED"], updates.Select(u => Tag(u, "mesos.task.state")));
        Assert.All(updates, u => Assert.Equal(Text(run, "spanId"), Text(u, "parentSpanId")));
        var finished = updates[1];
        Assert.Contains(inTrace, s => Text(s, "name") == MesosTracing.ExecutorAcknowledgement && Text(s, "parentSpanId") == Text(finished, "spanId"));

        // Back in the scheduler, the TASK_FINISHED update's acknowledgement is a child of its event.
        var finishedEvent = spans.Single(s => s.OperationName == MesosTracing.SchedulerEvent && (string?)s.GetTagItem("mesos.task.id") == "traced" && (string?)s.GetTagItem("mesos.task.state") == "TASK_FINISHED");
        Assert.Contains(spans, s => s.ParentSpanId == finishedEvent.SpanId && (string?)s.GetTagItem("rpc.method") == "ACKNOWLEDGE");
        var subscribe = spans.First(s => s.OperationName == MesosTracing.SchedulerSubscribe);
        Assert.Equal(("subscribed", 1), ((string?)subscribe.GetTagItem("mesos.outcome"), (int?)subscribe.GetTagItem("mesos.subscribe.attempt")));

        MetricAssertions.Documented(metrics.Select(m => (m.Name, m.Unit, m.MetricPoints.Select(Tags).ToList())), MetricAssertions.OfAnyRun("mesos.scheduler."), [task.TaskId.Value, task.AgentId.Value, launched.FrameworkId.Value]);
        MetricAssertions.Documented(executor.Metrics.Select(m => (Text(m, "name"), Text(m, "unit"), m.GetProperty("points").EnumerateArray().Select(p => p.EnumerateObject().Select(t => new KeyValuePair<string, string>(t.Name, t.Value.GetString() ?? "")).ToList()).ToList())), MetricAssertions.OfAnyRun("mesos.executor."), ["traced", task.AgentId.Value, launched.FrameworkId.Value, ScenarioScheduler.ExecutorId]);
        folder.Delete(recursive: true);
    }

    private static List<KeyValuePair<string, string>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(new(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        return tags;
    }
}
