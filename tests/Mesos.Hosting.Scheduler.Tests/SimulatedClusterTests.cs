using Mesos.Hosting.Testing;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>The scheduler driver on a cluster of simulated agents, large enough that real processes would not fit on one machine.</summary>
public sealed class SimulatedClusterTests
{
    [Fact]
    public async Task A_scheduler_driver_runs_ten_thousand_tasks_to_completion_on_a_thousand_simulated_agents()
    {
        const int Agents = 1000;
        const int Tasks = 10_000;
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Agents = Agents,
            AgentResources = "cpus:1;mem:1024",
            Simulation = new TaskSimulation { Outcome = _ => SimulatedOutcome.Finished(TimeSpan.FromMilliseconds(50)) },
        });
        var recorder = new SchedulerRecorder(Tasks);
        using var host = SchedulerHost.Build(cluster, recorder);
        await host.StartAsync();

        await recorder.AllFinished.Task.WaitAsync(TimeSpan.FromMinutes(5));

        // The last callbacks have returned; their acknowledgements are on their way, not waited for by the dispatcher.
        await cluster.Journal.WaitForAsync(j => j.Acknowledgements.Count(a => a.State == TaskState.TaskFinished) == Tasks, TimeSpan.FromSeconds(30), "every TASK_FINISHED acknowledged");
        await host.StopAsync();

        Assert.Equal(Tasks, recorder.Final.Count);
        Assert.All(recorder.Final.Values, state => Assert.Equal(TaskState.TaskFinished, state));
        var launchedOn = cluster.Journal.SchedulerCalls
            .Where(c => c.Call.Type == Call.Types.Type.Accept && c.StatusCode == 202)
            .SelectMany(c => c.Call.Accept.Operations.SelectMany(o => o.Launch.TaskInfos))
            .Select(t => t.AgentId.Value)
            .Distinct()
            .Count();
        Assert.Equal(Agents, launchedOn);
        Assert.Equal(Tasks, cluster.Journal.Acknowledgements.Count(a => a.State == TaskState.TaskFinished));
    }
}
