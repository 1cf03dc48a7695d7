using Google.Protobuf;
using Mesos.Hosting.Workloads;
using Mesos.V1;
using Microsoft.Extensions.Options;
using MonteCarloPi;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The sample's sum of its shares' workload results, fed results as the workloads give them.</summary>
public sealed class PiEstimateTests
{
    private static readonly PiJob Job = NewJob(new PiOptions { Samples = 300, Tasks = 3, ExecutorCommand = "pi" });

    [Fact]
    public void The_hits_of_every_succeeded_share_add_up_to_the_estimate()
    {
        var estimate = PiEstimate.Of(Job, [Succeeded(PiChunk.HitsToData(78)), Succeeded(PiChunk.HitsToData(80)), Succeeded(PiChunk.HitsToData(77))]);

        Assert.Empty(estimate.Failures);
        Assert.Equal(4.0 * (78 + 80 + 77) / 300, estimate.Pi);
    }

    [Fact]
    public void A_share_that_finished_without_its_hits_gives_no_estimate_and_is_named()
    {
        // A master's own TASK_FINISHED (its answer to a reconciliation) carries the state alone.
        var estimate = PiEstimate.Of(Job, [Succeeded(PiChunk.HitsToData(78)), Succeeded(ByteString.Empty), Succeeded(PiChunk.HitsToData(77))]);

        Assert.Null(estimate.Pi);
        Assert.Equal("π share 1 finished without its hits (its data is '')", Assert.Single(estimate.Failures));
    }

    [Fact]
    public void A_poisoned_share_gives_no_estimate_and_is_named_with_its_attempts_and_last_status()
    {
        var poisoned = new WorkloadResult(WorkloadOutcome.Poisoned, TaskState.TaskFailed, TaskStatus.Types.Reason.ExecutorTerminated, "Executor terminated", ByteString.Empty,
            [Attempt(1), Attempt(2)]);

        var estimate = PiEstimate.Of(Job, [Succeeded(PiChunk.HitsToData(78)), Succeeded(PiChunk.HitsToData(80)), poisoned]);

        Assert.Null(estimate.Pi);
        Assert.Equal("π share 2 was poisoned after 2 attempt(s): TaskFailed (ExecutorTerminated: Executor terminated)", Assert.Single(estimate.Failures));
    }

    [Fact]
    public void The_share_ids_name_the_whole_job_so_another_job_never_gets_this_ones_stored_results()
    {
        var other = NewJob(new PiOptions { Samples = 600, Tasks = 3, ExecutorCommand = "pi" });

        Assert.Equal(["pi/300/3/0", "pi/300/3/1", "pi/300/3/2"], Job.Chunks.Select(c => Job.Request(c).Id));
        Assert.Empty(Job.Chunks.Select(c => Job.Request(c).Id).Intersect(other.Chunks.Select(c => other.Request(c).Id)));
        Assert.Equal(300, Job.Chunks.Sum(c => c.Samples));
    }

    private static PiJob NewJob(PiOptions options) => new(Options.Create(options), new PiExecutorCommand(Options.Create(options)));

    private static WorkloadResult Succeeded(ByteString data) => new(WorkloadOutcome.Succeeded, TaskState.TaskFinished, null, null, data, [Attempt(1)]);

    private static WorkloadAttempt Attempt(int number)
        => new(number, $"pi.attempt-{number}.0", "S0", TaskState.TaskFinished, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Counted: true);
}
