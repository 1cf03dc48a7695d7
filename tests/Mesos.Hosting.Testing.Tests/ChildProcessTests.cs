using Mesos.Hosting.Testing.Processes;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The agents' handle on a task or executor process.</summary>
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // A command's watcher disposes its process when the command ends, and the agent disposes every process it still
    // lists when it is disposed itself: the two can come at once, and .NET's Process.Dispose is not safe to call twice at once.
    [Fact]
    public async Task A_process_disposed_from_two_threads_at_once_is_disposed_once_and_without_error()
    {
        var sandbox = Directory.CreateTempSubdirectory("child-process-");
        try
        {
            var children = Enumerable.Range(0, 100).Select(_ => ChildProcess.Start(["true"], sandbox.FullName, new Dictionary<string, string>())).ToList();
            foreach (var child in children)
            {
                Assert.Equal(0, await child.Exited.WaitAsync(Timeout));
            }

            foreach (var child in children)
            {
                using var bothReady = new Barrier(2);
                var disposals = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
                    () =>
                    {
                        bothReady.SignalAndWait(Timeout);
                        return child.DisposeAsync().AsTask();
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default).Unwrap());
                await Task.WhenAll(disposals).WaitAsync(Timeout);
            }
        }
        finally
        {
            sandbox.Delete(recursive: true);
        }
    }
}
