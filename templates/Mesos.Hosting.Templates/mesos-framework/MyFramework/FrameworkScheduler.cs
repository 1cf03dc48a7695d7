using Mesos.Hosting;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace MyFramework;

/// <summary>
/// Launches the work into the offers it gets, launches again what ends badly, and once every task has
/// finished tears the framework down and stops the program.
/// </summary>
public sealed partial class FrameworkScheduler(WorkQueue work, RefuseFilterBackoff backoff, ISchedulerDriver driver, IHostApplicationLifetime lifetime, ILogger<FrameworkScheduler> logger) : MesosScheduler
{
#if (executor)
    private readonly ExecutorInfo _executor = FrameworkExecutor.Create(work.Options);

#endif
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        LogRegistered(frameworkId.Value, work.Options.Tasks);
        return Task.CompletedTask;
    }

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        var result = OfferMatcher.Match(offers, work.Waiting.Select(Request).ToList());
        foreach (var launch in result.Launches)
        {
            try
            {
                await driver.LaunchTasksAsync(launch.OfferIds, launch.TaskInfos, cancellationToken: cancellationToken);
                foreach (var task in launch.Tasks)
                {
                    work.Launched(task.Request.Id);
                }

                LogLaunched(launch.Tasks.Count, launch.Hostname);
            }
            catch (MesosCallException ex)
            {
                // The master took none of them: they still wait, for the next offers.
                LogLaunchRefused(launch.Hostname, ex.MesosMessage);
            }
        }

        // What nothing was placed on goes back, and the agent stays away longer each time it had no room.
        foreach (var batch in backoff.Plan(result))
        {
            await driver.DeclineAsync(batch.OfferIds, batch.Filters, cancellationToken);
        }

        // With everything launched, no more offers are wanted.
        if (work.AllLaunched)
        {
            await driver.SuppressAsync(cancellationToken: cancellationToken);
        }
    }

    public override async Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        var done = false;
        if (status.State == TaskState.TaskFinished)
        {
            done = work.Finish(status.TaskId.Value);
            LogFinished(status.TaskId.Value);
        }
        else if (MesosTaskStates.IsTerminal(status.State))
        {
            LogEndedBadly(status.TaskId.Value, status.State, status.Message);
            work.Retry(status.TaskId.Value);

            // Reviving clears every refuse filter at the master: the agents' backoff starts over too.
            backoff.Reset();
            await driver.ReviveAsync(cancellationToken: cancellationToken);
        }

        // Acknowledged here (ImplicitAcknowledgements is off), so that the teardown below comes after it.
        if (status.HasUuid)
        {
            await driver.AcknowledgeAsync(status, cancellationToken);
        }

        if (done)
        {
            LogAllFinished(work.Options.Tasks);
            await driver.TeardownAsync(cancellationToken);
            lifetime.StopApplication();
        }
    }

    public override Task ErrorAsync(string message, CancellationToken cancellationToken)
    {
        LogError(message);
        return Task.CompletedTask;
    }

    // What one task needs, and what it runs; the matcher picks its agent and fills in the rest.
    private TaskRequest Request(string taskId) => new()
    {
        Id = taskId,
        Cpus = work.Options.TaskCpus,
        Mem = work.Options.TaskMem,
#if (executor)
        Executor = _executor,
#else
        Task = new TaskInfo { Command = new CommandInfo { Value = work.Options.Command } },
#endif
    };

    [LoggerMessage(1, LogLevel.Information, "Registered as framework {FrameworkId}; {Tasks} tasks to run")]
    private partial void LogRegistered(string frameworkId, int tasks);

    [LoggerMessage(2, LogLevel.Information, "Launched {Count} tasks on {Host}")]
    private partial void LogLaunched(int count, string host);

    [LoggerMessage(3, LogLevel.Warning, "The launch on {Host} was refused: {Reason}")]
    private partial void LogLaunchRefused(string host, string reason);

    [LoggerMessage(4, LogLevel.Information, "{Task} finished")]
    private partial void LogFinished(string task);

    [LoggerMessage(5, LogLevel.Warning, "{Task} ended {State}: {Message}; launching it again")]
    private partial void LogEndedBadly(string task, TaskState state, string message);

    [LoggerMessage(6, LogLevel.Information, "All {Tasks} tasks finished")]
    private partial void LogAllFinished(int tasks);

    [LoggerMessage(7, LogLevel.Error, "Mesos ended the framework: {Message}")]
    private partial void LogError(string message);
}
