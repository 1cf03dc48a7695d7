using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>What every recovery test checks once the fault is over: the same framework, every task's end handled, attempts bounded.</summary>
internal static class Recovery
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    public static void AssertRecovered(LocalMesosCluster cluster, SchedulerRecorder recorder, IHost host, string frameworkId, int maxAttempts)
    {
        Assert.Equal(frameworkId, host.Driver().FrameworkId!.Value);
        Assert.True(recorder.Reregistered >= 1, "the driver should have resubscribed");
        Assert.Equal(recorder.Total, recorder.Final.Count);
        var notFinished = recorder.Final.Where(f => f.Value != TaskState.TaskFinished).Select(f => f.Key).ToList();
        Assert.True(notFinished.Count == 0, string.Join("; ", cluster.Journal.SchedulerEvents
            .Where(e => e.Event.Update?.Status is { } s && notFinished.Contains(SchedulerRecorder.WorkItem(s.TaskId.Value)))
            .Select(e => $"{e.At:HH:mm:ss.fff} {e.Event.Update.Status.TaskId.Value} {e.Event.Update.Status.State} {e.Event.Update.Status.Reason} {e.Event.Update.Status.Message}"))
            + " | calls: " + string.Join("; ", cluster.Journal.SchedulerCalls.Where(c => c.Call.Type is Call.Types.Type.Accept or Call.Types.Type.Reconcile or Call.Types.Type.Subscribe)
                .Select(c => $"{c.At:HH:mm:ss.fff} {c.Call.Type} {c.StatusCode} {string.Join(",", c.Call.Accept?.Operations.SelectMany(o => o.Launch?.TaskInfos ?? []).Select(t => t.TaskId.Value) ?? [])}"))
            + " | subscriptions: " + string.Join("; ", cluster.Journal.Subscriptions.Select(x => $"{x.At:HH:mm:ss.fff} {x.Connected}")));
        SchedulerHost.AssertNoAcknowledgementBeforeItsHandler(cluster, recorder);
        Assert.True(host.Driver().SubscribeAttempts <= maxAttempts, $"{host.Driver().SubscribeAttempts} subscribe attempts");
        Assert.All(cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Subscribe && c.Call.FrameworkId is not null), c => Assert.Equal(frameworkId, c.Call.FrameworkId.Value));
    }

    public static async Task AllFinished(LocalMesosCluster cluster, SchedulerRecorder recorder)
    {
        try
        {
            await recorder.AllFinished.Task.WaitAsync(Generous);
        }
        catch (TimeoutException)
        {
            var missing = Enumerable.Range(0, recorder.Total).Select(i => $"task-{i:D4}").Where(t => !recorder.Final.ContainsKey(t))
                .Select(t => $"{t}: {string.Join("/", cluster.Journal.TaskStates(t))}");
            Assert.Fail($"{recorder.Final.Count} of {recorder.Total} tasks ended; {recorder.Work.Count} never launched; missing {string.Join(", ", missing)}. {cluster.Journal.Summary()}");
        }
    }

    /// <summary>How many tasks the journal saw reach TASK_FINISHED.</summary>
    public static int Finished(ClusterJournal journal) => journal.TaskIds.Count(id => journal.TaskStates(id).Contains(TaskState.TaskFinished));

    /// <summary>Each task ID the master took in an ACCEPT (202), with how many times it took it.</summary>
    public static Dictionary<string, int> Launches(ClusterJournal journal) => journal.SchedulerCalls
        .Where(c => c.Call.Type == Call.Types.Type.Accept && c.StatusCode == 202)
        .SelectMany(c => c.Call.Accept.Operations).SelectMany(o => o.Launch?.TaskInfos ?? [])
        .GroupBy(t => t.TaskId.Value).ToDictionary(g => g.Key, g => g.Count());
}
