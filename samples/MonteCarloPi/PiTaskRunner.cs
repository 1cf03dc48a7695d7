using System.Globalization;
using Google.Protobuf;
using Mesos.Hosting.Executor;
using Mesos.V1;
using Microsoft.Extensions.Logging;

namespace MonteCarloPi;

/// <summary>The executor's work: throw a task's points and count those inside the quarter circle.</summary>
public sealed class PiTaskRunner(IExecutorDriver driver, ILogger<PiTaskRunner> logger) : IMesosTaskRunner
{
    // Checked this often for a KILL; small enough to stop within milliseconds.
    private const int CancellationCheckEvery = 1 << 16;

    public async Task<ByteString?> RunAsync(TaskInfo task, CancellationToken cancellationToken)
    {
        var chunk = PiChunk.FromData(task.Data);
        await SayStartedAsync(task, cancellationToken);

        var random = new Random(chunk.Seed);
        long hits = 0;
        for (long i = 0; i < chunk.Samples; i++)
        {
            if (i % CancellationCheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var x = random.NextDouble();
            var y = random.NextDouble();
            if ((x * x) + (y * y) <= 1.0)
            {
                hits++;
            }
        }

        PiLog.Counted(logger, task.TaskId.Value, hits, chunk.Samples);
        return PiChunk.HitsToData(hits);
    }

    // Framework messages are best effort in Mesos: the result travels in TASK_FINISHED, this is only news.
    private async Task SayStartedAsync(TaskInfo task, CancellationToken cancellationToken)
    {
        try
        {
            await driver.SendFrameworkMessageAsync(
                ByteString.CopyFromUtf8(string.Create(CultureInfo.InvariantCulture, $"{task.TaskId.Value} started in executor {driver.Environment.ExecutorId} (process {System.Environment.ProcessId})")),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PiLog.MessageFailed(logger, task.TaskId.Value, ex.Message);
        }
    }
}
