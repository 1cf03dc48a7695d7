using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.V1;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.Workloads.Tests;

/// <summary>A host stopped mid-run and a new one started on the same store file and framework: the work resumes.</summary>
public sealed class WorkloadsResumeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_new_host_on_the_same_store_adopts_running_attempts_launches_pending_ones_and_reruns_nothing_finished()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
        var storePath = Path.Combine(Path.GetTempPath(), $"workloads-resume-{Guid.NewGuid():N}", "workloads.db");
        var firstStore = new SqliteWorkloadStore(storePath);
        var frameworkIds = new InMemoryFrameworkIdStore();
        var clock = new FakeTimeProvider();
        var waitAnHour = new RetryPolicy { InitialDelay = TimeSpan.FromHours(1), MaximumDelay = TimeSpan.FromHours(1), Jitter = 0 };

        var first = await WorkloadsHost.StartAsync(cluster, firstStore, TimeSpan.Zero, clock, frameworkIds);
        var done = new List<WorkloadResult>();
        for (var i = 0; i < 5; i++)
        {
            var handle = await first.Workloads.SubmitAsync(new WorkloadRequest { Id = $"done-{i}", Name = "done", Task = WorkloadsHost.Command("true") });
            done.Add(await handle.Completion.WaitAsync(Deadline));
        }

        for (var i = 0; i < 3; i++)
        {
            await first.Workloads.SubmitAsync(new WorkloadRequest { Id = $"long-{i}", Name = "long", Task = WorkloadsHost.Command("sleep 4") });
        }

        // Fails its first attempt, then waits an hour of the workloads' clock: pending when the host stops.
        var later = await first.Workloads.SubmitAsync(new WorkloadRequest { Id = "later", Name = "later", Task = WorkloadsHost.Command("test \"$MESOS_WORKLOAD_ATTEMPT\" -ge 2"), Retry = waitAnHour });
        await cluster.Journal.WaitForAsync(j => j.TaskIds.Count(t => t.StartsWith("long.", StringComparison.Ordinal) && j.TaskStates(t).Contains(TaskState.TaskRunning)) == 3
            && j.Acknowledgements.Any(a => a.TaskId.StartsWith("later.", StringComparison.Ordinal) && a.State == TaskState.TaskFailed), Deadline, "the long tasks running and the later one's failure handled");
        await first.DisposeAsync();
        await firstStore.DisposeAsync();
        Assert.False(later.Completion.IsCompleted);
        var launchedBefore = WorkloadsRetryTests.LaunchedTaskIds(cluster);

        clock.Advance(TimeSpan.FromHours(2));
        await using var secondStore = new SqliteWorkloadStore(storePath);
        await using var second = await WorkloadsHost.StartAsync(cluster, secondStore, TimeSpan.Zero, clock, frameworkIds);
        var longResults = new List<WorkloadResult>();
        for (var i = 0; i < 3; i++)
        {
            longResults.Add(await (await second.Workloads.AttachAsync($"long-{i}"))!.Completion.WaitAsync(Deadline));
        }

        var laterResult = await (await second.Workloads.AttachAsync("later"))!.Completion.WaitAsync(Deadline);
        var doneAgain = await (await second.Workloads.SubmitAsync(new WorkloadRequest { Id = "done-0", Name = "done", Task = WorkloadsHost.Command("true") })).Completion;

        Assert.All(longResults, r => Assert.Equal((WorkloadOutcome.Succeeded, 1), (r.Outcome, r.Attempts.Count)));
        Assert.Equal((WorkloadOutcome.Succeeded, 2), (laterResult.Outcome, laterResult.Attempts.Count));
        Assert.Equal(done[0].Attempts[0].TaskId, doneAgain.Attempts.Single().TaskId);
        var launched = WorkloadsRetryTests.LaunchedTaskIds(cluster);
        Assert.Equal(launchedBefore.Count + 1, launched.Count);
        Assert.StartsWith("later.attempt-2.", launched[^1], StringComparison.Ordinal);
        WorkloadsRetryTests.AssertEachTaskLaunchedOnce(cluster, 5 + 3 + 2);
    }
}
