using System.Globalization;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Workloads;
using Mesos.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

/// <summary>
/// Submits the run's tasks under fixed IDs and waits for every one to end. Submitting is idempotent: after a restart,
/// or in a standby that took over, an ID the store already holds returns that work (finished or not) instead of a
/// second copy, so the same program can be killed and started again at any point. A standby's submissions wait until
/// it leads and has loaded the store.
/// </summary>
internal sealed partial class WorkloadSubmitter(IMesosWorkloads workloads, WorkloadsRunOptions options, ILogger<WorkloadSubmitter> logger) : BackgroundService
{
    public static string IdOf(int index) => "task-" + index.ToString("D4", CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handles = new List<WorkloadHandle>(options.Tasks);
        for (var i = 0; i < options.Tasks; i++)
        {
            handles.Add(await workloads.SubmitAsync(Request(IdOf(i)), stoppingToken));
        }

        Submitted(logger, handles.Count);
        var results = await Task.WhenAll(handles.Select(h => h.Completion)).WaitAsync(stoppingToken);
        Ended(logger, results.Length, results.Count(r => r.Outcome == WorkloadOutcome.Succeeded));
    }

    private WorkloadRequest Request(string id) => new()
    {
        Id = id,
        Name = id,
        Task = new TaskRequest { Id = string.Empty, Cpus = 0.1, Mem = 16, Task = new TaskInfo { Command = new CommandInfo { Value = options.Command } } },
        Retry = new RetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaximumAttempts = 5 },
    };

    [LoggerMessage(1, LogLevel.Information, "Submitted {Count} workloads")]
    private static partial void Submitted(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Information, "All {Count} workloads ended, {Succeeded} succeeded")]
    private static partial void Ended(ILogger logger, int count, int succeeded);
}
