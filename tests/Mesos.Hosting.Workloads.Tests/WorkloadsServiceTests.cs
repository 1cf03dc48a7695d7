using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Testing;
using Mesos.Hosting.TestSupport.Waiting;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Workloads.Tests;

/// <summary>A service of real command tasks on five agents of their own hostnames, at most two instances on each.</summary>
public sealed class WorkloadsServiceTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private static readonly RetryPolicy Relaunch = new() { InitialDelay = TimeSpan.FromSeconds(10), Jitter = 0.5 };
    private static readonly LocalAgentProfile[] Nodes = Enumerable.Range(0, 5).Select(i => new LocalAgentProfile { Hostname = $"node-{i}" }).ToArray();

    private readonly string _pids = Directory.CreateTempSubdirectory("workloads-pids-").FullName;

    [Fact]
    public async Task Killed_instances_relaunch_after_backoff_a_lost_agent_is_replaced_and_scaling_keeps_the_constraint()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = Nodes.Length, AgentProfiles = Nodes });
        await using var host = await WorkloadsHost.StartAsync(cluster, new InMemoryWorkloadStore(), TimeSpan.Zero);
        var workloads = host.Workloads;
        await workloads.DeclareServiceAsync(new ServiceSpec
        {
            Name = "web",
            Instances = 5,
            Retry = Relaunch,
            Task = WorkloadsHost.Command($"echo $$ > {_pids}/$MESOS_TASK_ID.pid && exec sleep 600") with { Constraints = [PlacementConstraint.MaxPer(PlacementConstraint.Hostname, 2)] },
        });
        await WaitRunningAsync(cluster, workloads, 5);

        // Two instances die: the clock stands still, so they wait out their backoff before anything relaunches.
        foreach (var task in Running(cluster).Take(2))
        {
            Process.GetProcessById(await ShellPidAsync(task)).Kill();
        }

        await cluster.Journal.WaitForAsync(_ => workloads.GetService("web") is { Running: 3, Pending: 2 }, Deadline, "two instances pending after their tasks failed");
        Assert.Equal(5, WorkloadsRetryTests.LaunchedTaskIds(cluster).Count);
        host.Clock.Advance(Relaunch.DelayAfter(1, 0));
        await WaitRunningAsync(cluster, workloads, 5);
        Assert.Equal(7, WorkloadsRetryTests.LaunchedTaskIds(cluster).Count);

        // The agent with two instances leaves the cluster: both are replaced on the others, at most two per host.
        var crowded = Running(cluster).GroupBy(t => AgentOf(cluster, t)).First(g => g.Count() == 2).Key;
        await cluster.RemoveAgentAsync(cluster.AgentIds.ToList().IndexOf(crowded));
        await cluster.Journal.WaitForAsync(_ => workloads.GetService("web") is { Running: 3 }, Deadline, "the lost instances noticed");
        host.Clock.Advance(Relaunch.DelayAfter(1, 0));
        await WaitRunningAsync(cluster, workloads, 5);
        Assert.DoesNotContain(Running(cluster), t => AgentOf(cluster, t) == crowded);

        await workloads.ScaleServiceAsync("web", 8);
        await WaitRunningAsync(cluster, workloads, 8);
        var beforeScaleDown = Running(cluster);
        await workloads.ScaleServiceAsync("web", 3);
        await WaitRunningAsync(cluster, workloads, 3);
        Assert.Equal(5, beforeScaleDown.Count(t => cluster.Journal.TaskStates(t)[^1] == TaskState.TaskKilled));
        Assert.Equal(3, beforeScaleDown.Intersect(Running(cluster)).Count());

        await workloads.RemoveServiceAsync("web");
        await cluster.Journal.WaitForAsync(_ => Running(cluster).Count == 0 && workloads.GetService("web") is null, Deadline, "the service removed and its tasks killed");
        WorkloadsRetryTests.AssertEachTaskLaunchedOnce(cluster, WorkloadsRetryTests.LaunchedTaskIds(cluster).Count);
    }

    [Fact]
    public async Task Declaring_the_same_spec_again_keeps_the_instances_and_a_changed_spec_replaces_them()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = Nodes.Length, AgentProfiles = Nodes });
        await using var host = await WorkloadsHost.StartAsync(cluster, new InMemoryWorkloadStore(), TimeSpan.Zero);
        var workloads = host.Workloads;
        ServiceSpec Web(int instances, string command) => new()
        {
            Name = "web",
            Instances = instances,
            Retry = Relaunch with { NonRetryableReasons = new HashSet<TaskStatus.Types.Reason> { TaskStatus.Types.Reason.TaskInvalid, TaskStatus.Types.Reason.TaskUnauthorized } },
            Task = WorkloadsHost.Command(command) with { Constraints = [PlacementConstraint.MaxPer(PlacementConstraint.Hostname, 2)] },
        };

        await workloads.DeclareServiceAsync(Web(2, "exec sleep 600"));
        await WaitRunningAsync(cluster, workloads, 2);
        var first = Running(cluster);

        // What a restarted framework does: it declares its service again, here with one more instance.
        await workloads.DeclareServiceAsync(Web(3, "exec sleep 600") with
        {
            Retry = Relaunch with { NonRetryableReasons = new HashSet<TaskStatus.Types.Reason> { TaskStatus.Types.Reason.TaskUnauthorized, TaskStatus.Types.Reason.TaskInvalid } },
        });
        await WaitRunningAsync(cluster, workloads, 3);
        Assert.Equal(2, first.Intersect(Running(cluster)).Count());
        Assert.Equal(3, WorkloadsRetryTests.LaunchedTaskIds(cluster).Count);

        var second = Running(cluster);
        await workloads.DeclareServiceAsync(Web(3, "exec sleep 601"));
        await cluster.Journal.WaitForAsync(_ => second.All(t => cluster.Journal.TaskStates(t)[^1] == TaskState.TaskKilled), Deadline, "the old spec's instances killed");
        await WaitRunningAsync(cluster, workloads, 3);
        Assert.Empty(second.Intersect(Running(cluster)));
        Assert.Equal(6, WorkloadsRetryTests.LaunchedTaskIds(cluster).Count);
    }

    public void Dispose() => Directory.Delete(_pids, recursive: true);

    // Waits for exactly this many instances running, then checks the constraint held: never more than two on a host.
    private static async Task WaitRunningAsync(LocalMesosCluster cluster, IMesosWorkloads workloads, int instances)
    {
        await cluster.Journal.WaitForAsync(_ => Running(cluster).Count == instances && workloads.GetService("web") is { Launching: 0 } status && status.Running == instances, Deadline, $"{instances} instances running");
        Assert.All(Running(cluster).GroupBy(t => AgentOf(cluster, t)), g => Assert.True(g.Count() <= 2, $"{g.Count()} instances on agent {g.Key}"));
    }

    // RUNNING comes once the agent has started a task's shell, which may not yet have written its process ID.
    private async Task<int> ShellPidAsync(string taskId)
    {
        var path = Path.Combine(_pids, taskId + ".pid");
        var pid = 0;
        await Eventually.Until(() => File.Exists(path) && int.TryParse(File.ReadAllText(path), CultureInfo.InvariantCulture, out pid), $"task {taskId}'s shell to write its process ID", Deadline);
        return pid;
    }

    private static List<string> Running(LocalMesosCluster cluster)
        => cluster.Journal.TaskIds.Where(t => cluster.Journal.TaskStates(t) is [.., TaskState.TaskRunning]).ToList();

    private static string AgentOf(LocalMesosCluster cluster, string taskId) => cluster.Journal.SchedulerCalls
        .Where(c => c.Call.Type == Call.Types.Type.Accept)
        .SelectMany(c => c.Call.Accept.Operations.Where(o => o.Launch is not null).SelectMany(o => o.Launch.TaskInfos))
        .First(t => t.TaskId.Value == taskId).AgentId.Value;
}
