using System.Text.Json;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary><c>/master/state</c> in the shape Mesos writes it: live and completed frameworks, tasks with every status, resources.</summary>
public sealed class MasterStateTests
{
    [Fact]
    public async Task A_torn_down_framework_is_listed_as_completed_with_its_tasks_and_a_live_one_with_what_it_uses()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { AgentResources = "cpus:2;mem:1024" });
        await using var removed = new RawScheduler(cluster.MasterUri);
        var stream = await removed.SubscribeAsync(RawScheduler.Framework(name: "removed", failoverTimeout: 300));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await removed.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "sleeper", "sleep 60", cpus: 0.5, mem: 64)]);
        await removed.AcknowledgeNextAsync("sleeper", TaskState.TaskStarting);
        await removed.AcknowledgeNextAsync("sleeper", TaskState.TaskRunning);

        var live = await FrameworkAsync(cluster, "frameworks", removed.FrameworkId);
        Assert.Equal(0.5, live.GetProperty("used_resources").GetProperty("cpus").GetDouble());
        var task = Assert.Single(live.GetProperty("tasks").EnumerateArray());
        Assert.Equal("TASK_RUNNING", task.GetProperty("state").GetString());
        var history = task.GetProperty("statuses").EnumerateArray().ToList();
        Assert.Equal(["TASK_STARTING", "TASK_RUNNING"], history.Select(s => s.GetProperty("state").GetString()));
        Assert.True(history[0].GetProperty("timestamp").GetDouble() <= history[1].GetProperty("timestamp").GetDouble(), "statuses in the order they happened");

        await removed.AcceptedAsync(new Call { Type = Call.Types.Type.Teardown });

        await OsConditions.WaitAsync(async () => await TryFrameworkAsync(cluster, "completed_frameworks", removed.FrameworkId) is not null, "the framework listed as completed");
        var completed = (await TryFrameworkAsync(cluster, "completed_frameworks", removed.FrameworkId))!.Value;
        Assert.Equal("removed", completed.GetProperty("name").GetString());
        Assert.False(completed.GetProperty("active").GetBoolean());
        Assert.Empty(completed.GetProperty("tasks").EnumerateArray());
        var ended = Assert.Single(completed.GetProperty("completed_tasks").EnumerateArray());
        Assert.Equal(("sleeper", "TASK_KILLED"), (ended.GetProperty("id").GetString(), ended.GetProperty("state").GetString()));
        Assert.Equal(["TASK_STARTING", "TASK_RUNNING", "TASK_KILLED"], ended.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Null(await TryFrameworkAsync(cluster, "frameworks", removed.FrameworkId));
    }

    private static async Task<JsonElement> FrameworkAsync(LocalMesosCluster cluster, string list, string id)
        => (await TryFrameworkAsync(cluster, list, id)) ?? throw new InvalidOperationException($"{id} is not in {list}");

    private static async Task<JsonElement?> TryFrameworkAsync(LocalMesosCluster cluster, string list, string id)
    {
        using var http = new HttpClient();
        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.MasterUri, "master/state")));
        return state.RootElement.GetProperty(list).EnumerateArray().Where(f => f.GetProperty("id").GetString() == id).Select(f => (JsonElement?)f.Clone()).FirstOrDefault();
    }
}
