using Mesos.Hosting.Testing;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>An ACCEPT whose connection is closed unanswered while the subscription lives on.</summary>
public sealed class LostAcceptTests
{
    [Fact]
    public async Task Its_offers_are_given_back_the_master_is_asked_about_its_tasks_and_those_it_never_took_are_launched_again()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, AgentResources = "cpus:0.5;mem:1024;disk:1000;ports:[31000-31100]" });
        var recorder = new SchedulerRecorder(6, "sleep 0.2");
        using var host = SchedulerHost.Build(cluster, recorder, o => o.ReconciliationInitialDelay = TimeSpan.FromMilliseconds(200));
        cluster.DropSchedulerCalls(1, call => call.Type == Call.Types.Type.Accept);

        await host.StartAsync();
        await recorder.AllFinished.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync();

        // The dropped ACCEPT's tasks never reached the master: asked about, answered unknown, launched again under new IDs.
        var launched = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Accept)
            .SelectMany(c => c.Call.Accept.Operations).SelectMany(o => o.Launch.TaskInfos).Select(t => t.TaskId.Value).ToHashSet();
        var askedAboutUnknown = cluster.Journal.SchedulerCalls.Where(c => c.Call.Type == Call.Types.Type.Reconcile)
            .SelectMany(c => c.Call.Reconcile.Tasks).Select(t => t.TaskId.Value).Where(id => !launched.Contains(id)).ToHashSet();
        Assert.NotEmpty(askedAboutUnknown);
        Assert.All(askedAboutUnknown, id => Assert.Contains(SchedulerRecorder.Relaunch(id), launched));
        Assert.Single(cluster.Journal.SchedulerCalls, c => c.Call.Type == Call.Types.Type.Subscribe);
        Assert.All(recorder.Final.Values, state => Assert.Equal(TaskState.TaskFinished, state));
    }
}
