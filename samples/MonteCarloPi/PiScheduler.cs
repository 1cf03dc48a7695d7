using Google.Protobuf;
using Mesos.Hosting;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace MonteCarloPi;

/// <summary>
/// Spreads the job's chunks over the offers it gets, one task per chunk under this program's own
/// executor; collects each finished task's hits, and puts back any chunk whose task ended otherwise.
/// </summary>
public sealed class PiScheduler(PiJob job, PiExecutorCommand executor, RefuseFilterBackoff backoff, ISchedulerDriver driver, ILogger<PiScheduler> logger) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        PiLog.Registered(logger, frameworkId.Value, job.Options.Samples, job.Options.Tasks);
        return Task.CompletedTask;
    }

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        var result = OfferMatcher.Match(offers, job.Waiting.Select(Request).ToList());
        foreach (var launch in result.Launches)
        {
            try
            {
                await driver.LaunchTasksAsync(launch.OfferIds, launch.TaskInfos, cancellationToken: cancellationToken);
                foreach (var task in launch.Tasks)
                {
                    job.Launched(task.Request.Id);
                }

                PiLog.Launched(logger, launch.Tasks.Count, launch.Hostname);
            }
            catch (MesosCallException ex)
            {
                // The master took none of them: their chunks still wait, for the next offers.
                PiLog.LaunchRefused(logger, launch.Hostname, ex.MesosMessage);
            }
        }

        // What nothing was placed on goes back, and the agent stays away longer each time it had no room.
        foreach (var batch in backoff.Plan(result))
        {
            await driver.DeclineAsync(batch.OfferIds, batch.Filters, cancellationToken);
        }

        // Once every chunk runs, no more offers are wanted.
        if (job.AllLaunched)
        {
            await driver.SuppressAsync(cancellationToken: cancellationToken);
        }
    }

    public override async Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        var taskId = status.TaskId.Value;
        double? estimate = null;
        if (status.State == TaskState.TaskFinished && PiChunk.TryHitsFromData(status.Data, out var hits))
        {
            estimate = job.Complete(taskId, hits);
            PiLog.TaskFinished(logger, taskId, job.Finished, job.Options.Tasks);
        }
        else if (status.State == TaskState.TaskFinished && !status.HasUuid)
        {
            // The master's own answer (reconciliation after a failover, say) carries the state alone. The
            // executor's update, with the hits, comes again from the agent until it is acknowledged.
            PiLog.FinishedWithoutResult(logger, taskId, status.Message);
        }
        else if (MesosTaskStates.IsTerminal(status.State))
        {
            PiLog.TaskLost(logger, taskId, status.State, status.Reason, status.Message);
            job.Requeue(taskId);

            // Reviving clears every refuse filter at the master: the agents' backoff starts over too.
            backoff.Reset();
            await driver.ReviveAsync(cancellationToken: cancellationToken);
        }

        // Acknowledged here rather than by the driver, so that the job ends only after its last acknowledgement.
        if (status.HasUuid)
        {
            await driver.AcknowledgeAsync(status, cancellationToken);
        }

        if (estimate is { } pi)
        {
            job.Estimate.TrySetResult(pi);
        }
    }

    public override Task FrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken)
    {
        PiLog.ExecutorSays(logger, data.ToStringUtf8());
        return Task.CompletedTask;
    }

    public override Task ExecutorLostAsync(ExecutorID executorId, AgentID agentId, int? status, CancellationToken cancellationToken)
    {
        PiLog.ExecutorLost(logger, executorId.Value, agentId.Value, status);
        return Task.CompletedTask;
    }

    public override Task ErrorAsync(string message, CancellationToken cancellationToken)
    {
        job.Estimate.TrySetException(new InvalidOperationException($"Mesos ended the framework: {message}"));
        return Task.CompletedTask;
    }

    // Spread: each agent's executor counts its share of the points at once, so more agents finish sooner.
    private TaskRequest Request(PiChunk chunk) => new()
    {
        Id = chunk.TaskId,
        Name = $"π share {chunk.Index}",
        Cpus = job.Options.TaskCpus,
        Mem = job.Options.TaskMem,
        Fitness = Fitness.Spread,
        Executor = executor.Info,
        Task = new TaskInfo { Data = chunk.ToData() },
    };
}
