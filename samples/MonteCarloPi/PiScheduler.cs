using Google.Protobuf;
using Mesos.Hosting;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace MonteCarloPi;

/// <summary>
/// Spreads the job's chunks over the offers it gets, one task per chunk under this program's own
/// executor; collects each finished task's hits, and puts back any chunk whose task ended otherwise.
/// </summary>
public sealed class PiScheduler(PiJob job, PiExecutorCommand executors, ISchedulerDriver driver, ILogger<PiScheduler> logger) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        PiLog.Registered(logger, frameworkId.Value, job.Options.Samples, job.Options.Tasks);
        return Task.CompletedTask;
    }

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        foreach (var offer in offers)
        {
            var tasks = TasksFor(offer);
            if (tasks.Count == 0)
            {
                continue;
            }

            try
            {
                await driver.LaunchTasksAsync([offer.Id], tasks, cancellationToken: cancellationToken);
                job.ExecutorStarted(offer.AgentId.Value);
                PiLog.Launched(logger, tasks.Count, offer.Hostname);
            }
            catch (MesosCallException ex)
            {
                PiLog.LaunchRefused(logger, offer.Hostname, ex.MesosMessage);
                tasks.ForEach(t => job.Requeue(t.TaskId.Value));
            }
        }

        // Offers left unused are declined by the driver; once every chunk runs, no more are wanted.
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
        job.ExecutorEnded(agentId.Value);
        return Task.CompletedTask;
    }

    public override Task ErrorAsync(string message, CancellationToken cancellationToken)
    {
        job.Estimate.TrySetException(new InvalidOperationException($"Mesos ended the framework: {message}"));
        return Task.CompletedTask;
    }

    private List<TaskInfo> TasksFor(Offer offer)
    {
        var role = MesosResources.AllocationRole(offer);
        var cpus = MesosResources.ScalarSum(offer.Resources, MesosResources.Cpus);
        var mem = MesosResources.ScalarSum(offer.Resources, MesosResources.Mem);
        if (!job.HasExecutorOn(offer.AgentId.Value))
        {
            cpus -= PiExecutorCommand.Resources.Cpus;
            mem -= PiExecutorCommand.Resources.Mem;
        }

        var executor = executors.For(offer.AgentId, role);
        var tasks = new List<TaskInfo>();
        while (cpus >= job.Options.TaskCpus && mem >= job.Options.TaskMem && job.TryTake(out var chunk))
        {
            var task = new TaskInfo
            {
                Name = $"π share {chunk.Index}",
                TaskId = new TaskID { Value = chunk.TaskId },
                AgentId = offer.AgentId,
                Executor = executor,
                Data = chunk.ToData(),
            };
            task.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, job.Options.TaskCpus, role));
            task.Resources.Add(MesosResources.Scalar(MesosResources.Mem, job.Options.TaskMem, role));
            tasks.Add(task);
            cpus -= job.Options.TaskCpus;
            mem -= job.Options.TaskMem;
        }

        return tasks;
    }
}
