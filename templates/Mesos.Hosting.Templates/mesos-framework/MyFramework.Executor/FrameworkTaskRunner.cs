using System.Globalization;
using System.Runtime;
using Google.Protobuf;
using Mesos.Hosting.Executor;
using Mesos.V1;

namespace MyFramework.Executor;

/// <summary>
/// The executor's work for one task. TASK_RUNNING is sent before this starts; returning sends
/// TASK_FINISHED (with the returned data, which the submitter's result carries), throwing TASK_FAILED (retried
/// under the work's retry policy), and cancellation TASK_KILLED.
/// </summary>
public sealed partial class FrameworkTaskRunner(IExecutorDriver driver, ILogger<FrameworkTaskRunner> logger) : IMesosTaskRunner
{
    // How this executor was compiled, which the results name: ahead of time when published (nothing is left for the
    // JIT to compile), by the JIT in a build (MyFramework.Local, the tests).
    private static string Compilation => JitInfo.GetCompiledMethodCount() == 0 ? "NativeAOT" : "JIT";

    public async Task<ByteString?> RunAsync(TaskInfo task, CancellationToken cancellationToken)
    {
        LogRunning(task.TaskId.Value, driver.Environment.ExecutorId);
        if (task.Name == TaskNames.Service)
        {
            // A service instance serves until it is killed (a scale-down, the service's removal, the teardown).
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        // Replace this with the framework's real work; honour the token so that KILL and SHUTDOWN stop it.
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return ByteString.CopyFromUtf8(string.Create(CultureInfo.InvariantCulture, $"{task.TaskId.Value} done by process {System.Environment.ProcessId} ({Compilation})"));
    }

    [LoggerMessage(1, LogLevel.Information, "Running {Task} in executor {Executor}")]
    private partial void LogRunning(string task, string executor);
}
