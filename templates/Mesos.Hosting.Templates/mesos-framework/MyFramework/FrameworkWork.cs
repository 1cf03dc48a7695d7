using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Workloads;
using Microsoft.Extensions.Options;

namespace MyFramework;

/// <summary>
/// The framework's work: it submits the batch, keeps the service running and awaits the batch's results; then it
/// tears the framework down and stops the program. The workloads do the rest: placing tasks into offers, retrying
/// failed ones, and resuming from their store after a restart.
/// </summary>
public sealed partial class FrameworkWork(
    IMesosWorkloads workloads, FrameworkTasks tasks, IOptions<WorkOptions> options, ISchedulerDriver driver, IHostApplicationLifetime lifetime, ILogger<FrameworkWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each submission returns once it is stored; its handle completes when the work has succeeded or run out of attempts.
        var handles = new List<WorkloadHandle>();
        for (var i = 0; i < options.Value.Tasks; i++)
        {
            handles.Add(await workloads.SubmitAsync(tasks.Work(i), stoppingToken));
        }

        // Declared on every start: the same spec again keeps the instances a restarted scheduler finds in its store.
        await workloads.DeclareServiceAsync(tasks.Service(), stoppingToken);
        var results = await Task.WhenAll(handles.Select(h => h.Completion)).WaitAsync(stoppingToken);
        foreach (var (handle, result) in handles.Zip(results))
        {
            LogResult(handle.Id, result.Outcome, result.CountedAttempts, result.State, result.Data.IsEmpty ? result.Message : result.Data.ToStringUtf8());
        }

        var poisoned = results.Count(r => r.Outcome == WorkloadOutcome.Poisoned);
        if (poisoned == 0)
        {
            LogAllFinished(results.Length);
        }
        else
        {
            // The program's exit code tells whoever started it (a CI job, a scheduler of batches) that work failed.
            LogPoisoned(poisoned, results.Length);
            Environment.ExitCode = 1;
        }

        if (workloads.GetService(TaskNames.Service) is { } service)
        {
            LogService(service.Name, service.Running, service.Instances);
        }

        // The teardown ends every task of the framework, the service's too. The service stays in the store: declared
        // work is what the framework keeps running, and its next start declares it again, keeping what still runs.
        await driver.TeardownAsync(stoppingToken);
        lifetime.StopApplication();
    }

    [LoggerMessage(1, LogLevel.Information, "{Work} {Outcome} after {Attempts} attempt(s), last {State}: {Detail}")]
    private partial void LogResult(string work, WorkloadOutcome outcome, int attempts, Mesos.V1.TaskState state, string? detail);

    [LoggerMessage(2, LogLevel.Information, "All {Tasks} tasks finished")]
    private partial void LogAllFinished(int tasks);

    [LoggerMessage(3, LogLevel.Error, "{Poisoned} of {Tasks} tasks failed on every attempt")]
    private partial void LogPoisoned(int poisoned, int tasks);

    [LoggerMessage(4, LogLevel.Information, "Service {Service}: {Running} of {Instances} instances running")]
    private partial void LogService(string service, int running, int instances);
}
