using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Diagnostics;

/// <summary>
/// The executor's instruments and spans. Every span of a task continues the trace its scheduler carried into it
/// (<see cref="TaskTraceContext"/>): launch, run, each status update and its acknowledgement. The run span is the
/// driver's, whatever the executor: it starts under the launch and ends with the task's terminal update, so a custom
/// <see cref="Executor.IMesosExecutor"/> that sends its updates from anywhere still has them under the run. Metric
/// tags are task states only, never IDs.
/// </summary>
internal sealed class ExecutorTelemetry : IDisposable
{
    private readonly Meter _meter = new(MesosDiagnostics.MeterName);
    private readonly Counter<long> _updatesSent;
    private readonly Counter<long> _updatesAcknowledged;
    private readonly ConcurrentDictionary<string, ActivityContext> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ByteString, ActivityContext> _updates = new();
    private readonly ConcurrentDictionary<string, Activity> _runs = new(StringComparer.Ordinal);
    private readonly string _executorId;
    private readonly string _frameworkId;

    public ExecutorTelemetry(string executorId, string frameworkId, Func<IEnumerable<TaskState>> lastStates, Func<int> unacknowledged)
    {
        _executorId = executorId;
        _frameworkId = frameworkId;
        _updatesSent = _meter.CreateCounter<long>("mesos.executor.updates.sent", "{update}", "Status updates sent to the agent, by task state.");
        _updatesAcknowledged = _meter.CreateCounter<long>("mesos.executor.updates.acknowledged", "{update}", "Status updates the agent acknowledged.");
        _meter.CreateObservableGauge("mesos.executor.updates.unacknowledged", unacknowledged, "{update}", "Status updates sent and not yet acknowledged.");
        _meter.CreateObservableGauge(
            "mesos.executor.tasks",
            () => lastStates().GroupBy(s => s).Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>(MesosTracing.TaskState, MesosNames.Of(g.Key)))),
            "{task}",
            "Tasks this executor reported on, by the last state it sent.");
    }

    /// <summary>A task arrived (LAUNCH, LAUNCH_GROUP): its spans continue the trace context it carries.</summary>
    public void TaskReceived(TaskInfo task)
    {
        var context = TaskTraceContext.Extract(task);
        if (context != default)
        {
            _tasks[task.TaskId.Value] = context;
        }
    }

    /// <summary>The span of a launch callback, parented on the (first) task's trace context; each task's run starts under it.</summary>
    public Activity? Launch(IReadOnlyList<TaskInfo> tasks)
    {
        var activity = MesosTracing.Source.StartActivity(MesosTracing.ExecutorLaunch, ActivityKind.Consumer, ContextOf(tasks[0].TaskId));
        foreach (var task in tasks)
        {
            StartRun(task, activity?.Context ?? ContextOf(task.TaskId));
        }

        if (activity is { IsAllDataRequested: true })
        {
            Identify(activity);
            activity.SetTag(MesosTracing.AgentId, tasks[0].AgentId?.Value);
            if (tasks.Count == 1)
            {
                activity.SetTag(MesosTracing.TaskId, tasks[0].TaskId.Value);
            }
            else
            {
                activity.SetTag(MesosTracing.TaskIds, tasks.Select(t => t.TaskId.Value).ToArray());
            }
        }

        return activity;
    }

    /// <summary>Makes the task's run span the current one, so that what the caller goes on to do is part of the run.</summary>
    public Activity? EnterRun(TaskID taskId)
    {
        if (_runs.TryGetValue(taskId.Value, out var run))
        {
            Activity.Current = run;
        }

        return run;
    }

    /// <summary>The span of one status update; the acknowledgement span will be its child.</summary>
    public Activity? UpdateSent(TaskStatus status)
    {
        var state = MesosNames.Of(status.State);
        _updatesSent.Add(1, new KeyValuePair<string, object?>(MesosTracing.TaskState, state));
        var activity = MesosTracing.Source.StartActivity(MesosTracing.ExecutorUpdate, ActivityKind.Producer, UpdateParent(status.TaskId));
        if (MesosTaskStates.IsTerminal(status.State))
        {
            // The task's last span to start from its context: its acknowledgement is parented on this update's.
            _tasks.TryRemove(status.TaskId.Value, out _);
            EndRun(status.TaskId.Value, state, failed: status.State is not (TaskState.TaskFinished or TaskState.TaskKilled), status.Message);
        }

        if (activity is null)
        {
            return null;
        }

        _updates[status.Uuid] = activity.Context;

        if (activity.IsAllDataRequested)
        {
            Identify(activity);
            activity.SetTag(MesosTracing.TaskId, status.TaskId.Value);
            activity.SetTag(MesosTracing.TaskState, state);
            activity.SetTag(MesosTracing.UpdateUuid, MesosUuid.ToText(status.Uuid.Span));
        }

        return activity;
    }

    /// <summary>The agent acknowledged an update: a span under the update's.</summary>
    public void Acknowledged(TaskID taskId, ByteString uuid)
    {
        _updatesAcknowledged.Add(1);
        _updates.TryRemove(uuid, out var update);
        using (var activity = MesosTracing.Source.StartActivity(MesosTracing.ExecutorAcknowledgement, ActivityKind.Consumer, update != default ? update : ContextOf(taskId)))
        {
            if (activity is { IsAllDataRequested: true })
            {
                Identify(activity);
                activity.SetTag(MesosTracing.TaskId, taskId.Value);
                activity.SetTag(MesosTracing.UpdateUuid, MesosUuid.ToText(uuid.Span));
            }
        }
    }

    /// <summary>The agent refused an update outright: it will never be acknowledged.</summary>
    public void Refused(ByteString uuid) => _updates.TryRemove(uuid, out _);

    /// <summary>Ends the runs of tasks that never reached a terminal update: the executor is going away.</summary>
    public void Dispose()
    {
        foreach (var taskId in _runs.Keys)
        {
            EndRun(taskId, state: null, failed: true, "The executor ended before the task did.");
        }

        _meter.Dispose();
    }

    private void StartRun(TaskInfo task, ActivityContext parent)
    {
        var run = MesosTracing.StartDetached(MesosTracing.ExecutorRun, ActivityKind.Internal, parent);
        if (run is null || !_runs.TryAdd(task.TaskId.Value, run))
        {
            run?.Dispose();
            return;
        }

        if (run.IsAllDataRequested)
        {
            Identify(run);
            run.SetTag(MesosTracing.TaskId, task.TaskId.Value);
        }
    }

    private void EndRun(string taskId, string? state, bool failed, string? description)
    {
        if (!_runs.TryRemove(taskId, out var run))
        {
            return;
        }

        run.SetTag(MesosTracing.TaskState, state);
        if (failed)
        {
            run.SetStatus(ActivityStatusCode.Error, description);
        }

        run.Stop();
    }

    // An update belongs to its task's run: sent from inside the run (a runner's own span) it stays under what sent it.
    private ActivityContext UpdateParent(TaskID taskId)
    {
        if (!_runs.TryGetValue(taskId.Value, out var run))
        {
            return Activity.Current?.Context ?? ContextOf(taskId);
        }

        for (var current = Activity.Current; current is not null; current = current.Parent)
        {
            if (current == run)
            {
                return Activity.Current!.Context;
            }
        }

        return run.Context;
    }

    private ActivityContext ContextOf(TaskID taskId) => _tasks.TryGetValue(taskId.Value, out var context) ? context : default;

    private void Identify(Activity activity)
    {
        activity.SetTag(MesosTracing.ExecutorId, _executorId);
        activity.SetTag(MesosTracing.FrameworkId, _frameworkId);
    }
}
