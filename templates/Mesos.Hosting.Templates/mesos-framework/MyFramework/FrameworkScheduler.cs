using Mesos.Hosting;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace MyFramework;

/// <summary>
/// Launches the work into the offers it gets, launches again what ends badly, and once every task has
/// finished tears the framework down and stops the program.
/// </summary>
public sealed partial class FrameworkScheduler(WorkQueue work, ISchedulerDriver driver, IHostApplicationLifetime lifetime, ILogger<FrameworkScheduler> logger) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        LogRegistered(frameworkId.Value, work.Options.Tasks);
        return Task.CompletedTask;
    }

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        foreach (var offer in offers)
        {
            var role = MesosResources.AllocationRole(offer);
            var cpus = MesosResources.ScalarSum(offer.Resources, MesosResources.Cpus);
            var mem = MesosResources.ScalarSum(offer.Resources, MesosResources.Mem);
#if (executor)
            // Counted as if the executor were new on this agent: a little is left unused when it is not.
            var executor = FrameworkExecutor.For(work.Options, offer.AgentId, role);
            cpus -= FrameworkExecutor.Cpus;
            mem -= FrameworkExecutor.Mem;
#endif
            var tasks = new List<TaskInfo>();
            while (cpus >= work.Options.TaskCpus && mem >= work.Options.TaskMem && work.TryTake(out var taskId))
            {
                var task = new TaskInfo { Name = taskId, TaskId = new TaskID { Value = taskId }, AgentId = offer.AgentId };
#if (executor)
                task.Executor = executor;
#else
                task.Command = new CommandInfo { Value = work.Options.Command };
#endif
                task.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, work.Options.TaskCpus, role));
                task.Resources.Add(MesosResources.Scalar(MesosResources.Mem, work.Options.TaskMem, role));
                tasks.Add(task);
                cpus -= work.Options.TaskCpus;
                mem -= work.Options.TaskMem;
            }

            if (tasks.Count == 0)
            {
                continue;
            }

            try
            {
                await driver.LaunchTasksAsync([offer.Id], tasks, cancellationToken: cancellationToken);
                LogLaunched(tasks.Count, offer.Hostname);
            }
            catch (MesosCallException ex)
            {
                LogLaunchRefused(offer.Hostname, ex.MesosMessage);
                tasks.ForEach(t => work.Retry(t.TaskId.Value));
            }
        }

        // Offers the callback leaves unused are declined by the driver; with everything launched, none are wanted.
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
