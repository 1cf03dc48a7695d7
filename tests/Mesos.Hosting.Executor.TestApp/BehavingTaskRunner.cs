using System.Globalization;
using Google.Protobuf;
using Mesos.Hosting.Executor;
using Mesos.V1;

namespace Mesos.Hosting.Executor.TestApp;

/// <summary>
/// Runs a task as its data says: <c>finish</c> (returns "done"), <c>fail</c> (throws), <c>sleep</c> (until
/// killed), or <c>finish-when:PATH</c> (returns once PATH exists). Every run first tells the scheduler
/// this process's ID, so that a test can kill it.
/// </summary>
internal sealed class BehavingTaskRunner(IExecutorDriver driver) : IMesosTaskRunner
{
    public async Task<ByteString?> RunAsync(TaskInfo task, CancellationToken cancellationToken)
    {
        await driver.SendFrameworkMessageAsync(ByteString.CopyFromUtf8(string.Create(CultureInfo.InvariantCulture, $"{task.TaskId.Value} pid {System.Environment.ProcessId}")), cancellationToken);
        var behaviour = task.Data.ToStringUtf8();
        switch (behaviour)
        {
            case "finish":
                return ByteString.CopyFromUtf8("done");
            case "fail":
                throw new InvalidOperationException("asked to fail");
            case "sleep":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return null;
            case var _ when behaviour.StartsWith("finish-when:", StringComparison.Ordinal):
                // A file the test creates is the signal; this process has no other line to the test.
                var path = behaviour["finish-when:".Length..];
                using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50)))
                {
                    while (!File.Exists(path) && await timer.WaitForNextTickAsync(cancellationToken))
                    {
                    }
                }

                return ByteString.CopyFromUtf8("done");
            default:
                throw new ArgumentException($"Unknown behaviour '{behaviour}'.");
        }
    }
}
