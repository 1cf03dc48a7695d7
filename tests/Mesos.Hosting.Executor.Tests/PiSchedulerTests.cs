using System.Reflection;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Scheduler;
using Mesos.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MonteCarloPi;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>The sample's scheduler on its own, fed what a real master sends.</summary>
public sealed class PiSchedulerTests
{
    [Fact]
    public async Task A_finished_task_told_by_reconciliation_without_data_is_not_a_result_and_its_real_update_still_counts()
    {
        var options = Options.Create(new PiOptions { Samples = 100, Tasks = 1 });
        var job = new PiJob(options);
        var chunk = Assert.Single(job.Waiting);
        job.Launched(chunk.TaskId);
        var scheduler = new PiScheduler(job, new PiExecutorCommand(options), new RefuseFilterBackoff(), NoCalls.Driver, NullLogger<PiScheduler>.Instance);

        // What Mesos's Master::reconcile answers after a failover: the state alone, no data, no uuid.
        await scheduler.StatusUpdateAsync(new TaskStatus
        {
            TaskId = new TaskID { Value = chunk.TaskId },
            State = TaskState.TaskFinished,
            Source = TaskStatus.Types.Source.Master,
            Reason = TaskStatus.Types.Reason.Reconciliation,
            Message = "Reconciliation: Latest task state",
        }, CancellationToken.None);

        Assert.False(job.Estimate.Task.IsCompleted);
        Assert.True(job.AllLaunched, "the share was put back to run again");

        await scheduler.StatusUpdateAsync(new TaskStatus { TaskId = new TaskID { Value = chunk.TaskId }, State = TaskState.TaskFinished, Data = PiChunk.HitsToData(78) }, CancellationToken.None);
        Assert.Equal(4.0 * 78 / 100, await job.Estimate.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>A driver no call may reach: the updates above need none (they carry no uuid to acknowledge).</summary>
    public class NoCalls : DispatchProxy
    {
        public static ISchedulerDriver Driver { get; } = Create<ISchedulerDriver, NoCalls>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            => throw new InvalidOperationException($"The scheduler called {targetMethod?.Name}; no call was expected.");
    }
}
