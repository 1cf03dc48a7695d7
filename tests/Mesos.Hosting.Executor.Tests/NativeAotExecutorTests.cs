using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.V1;
using Mesos.V1.Executor;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// The executor SDK as a NativeAOT program (published here from tests/Mesos.Hosting.Executor.AotApp): no JIT, no
/// reflection, trimmed; it subscribes, runs tasks and has its updates acknowledged as the JIT-compiled executor does,
/// over protobuf and over JSON (Google.Protobuf's JSON formatter and parser, trimmed, on the generated messages).
/// </summary>
public sealed class NativeAotExecutorTests
{
    // A native compile of the SDK, Google.Protobuf and Microsoft.Extensions on two busy cores.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData("application/x-protobuf")]
    [InlineData("application/json")]
    public async Task A_NativeAOT_executor_runs_tasks_to_their_end_on_the_local_cluster(string contentType)
    {
        var executable = await PublishedExecutor.NativeAotAsync(PublishTimeout);
        await using var cluster = await LocalMesosCluster.StartAsync();
        var scenario = new ExecutorScenario(("native-ok", "finish"), ("native-bad", "fail")) { ExecutorCommand = $"\"{executable}\"" };
        scenario.ExecutorEnvironment["Mesos__Executor__ContentType"] = contentType;
        using var host = ExecutorHost.Scheduler(cluster, scenario);
        await host.StartAsync();

        await scenario.WaitForAsync(s => s.States("native-ok").Contains(TaskState.TaskFinished) && s.States("native-bad").Contains(TaskState.TaskFailed), "both tasks to end under the NativeAOT executor");
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskFinished], scenario.States("native-ok"));
        Assert.Equal("done", scenario.Last("native-ok")!.Data.ToStringUtf8());
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskFailed], scenario.States("native-bad"));
        Assert.Equal("asked to fail", scenario.Last("native-bad")!.Message);
        await cluster.Journal.WaitForAsync(j => j.ExecutorEvents.Count(e => e.Event.Type == Event.Types.Type.Acknowledged) == 4, TimeSpan.FromSeconds(30), "four ACKNOWLEDGED events");
        await host.StopAsync();
    }
}
