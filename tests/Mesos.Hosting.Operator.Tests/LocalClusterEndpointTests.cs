using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>
/// GET_METRICS, GET_LOGGING_LEVEL and GET_OPERATIONS through the real client, and the plain HTTP endpoints
/// Mesos has beside the operator API: <c>/metrics/snapshot</c> (masters' and agents'), <c>/master/teardown</c> and the agents' <c>/state</c>.
/// </summary>
public sealed class LocalClusterEndpointTests() : LocalClusterTest(new LocalMesosClusterOptions { Masters = 2 })
{
    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task Metrics_count_what_the_cluster_runs_under_Mesos_names(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);

        var metrics = (await client.Operator.GetMetricsAsync(TimeSpan.FromSeconds(5))).Metrics.ToDictionary(m => m.Name, m => m.Value);

        Assert.Equal(1, metrics["master/elected"]);
        Assert.Equal((1, 1, 1, 1), (metrics["master/slaves_active"], metrics["master/slaves_connected"], metrics["master/frameworks_active"], metrics["master/frameworks_connected"]));
        Assert.Equal((1, 0, 0), (metrics["master/tasks_running"], metrics["master/tasks_finished"], metrics["master/tasks_killed"]));
        Assert.Equal((4, 0.1), (metrics["master/cpus_total"], metrics["master/cpus_used"]));
        Assert.Equal((8192, 32), (metrics["master/mem_total"], metrics["master/mem_used"]));
        Assert.Equal(20000, metrics["master/disk_total"]);
        Assert.True(metrics["master/uptime_secs"] > 0);
        Assert.DoesNotContain(metrics.Keys, k => k.StartsWith("master/messages_", StringComparison.Ordinal));

        Assert.Equal(0u, (await client.Operator.GetLoggingLevelAsync()).Level);
        Assert.Empty((await client.Operator.GetOperationsAsync()).Operations);

        await client.Operator.TeardownAsync(MesosId.Of<FrameworkID>(scheduler.FrameworkId));
        metrics = (await client.Operator.GetMetricsAsync()).Metrics.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal((0, 1, 0), (metrics["master/tasks_running"], metrics["master/tasks_killed"], metrics["master/frameworks_active"]));
    }

    [Fact]
    public async Task The_metrics_snapshot_is_a_JSON_object_of_the_same_figures()
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, MesosContentTypes.Json);
        using var http = new HttpClient();

        var snapshot = await http.GetFromJsonAsync<Dictionary<string, double>>(new Uri(Cluster.MasterUri, "metrics/snapshot"));
        var standby = await http.GetFromJsonAsync<Dictionary<string, double>>(new Uri(Cluster.MasterUris[1 - Cluster.LeaderIndex], "metrics/snapshot"));

        var names = (await client.Operator.GetMetricsAsync()).Metrics.Select(m => m.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), snapshot!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 1), (snapshot["master/elected"], snapshot["master/tasks_running"]));
        Assert.Equal(0, standby!["master/elected"]);
    }

    [Fact]
    public async Task An_agent_metrics_snapshot_counts_its_own_tasks_and_resources()
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        using var http = new HttpClient();

        var snapshot = await http.GetFromJsonAsync<Dictionary<string, double>>(new Uri(Cluster.AgentUris.Single(), "metrics/snapshot"));

        Assert.Equal((1, 1, 1), (snapshot!["slave/registered"], snapshot["slave/tasks_running"], snapshot["slave/frameworks_active"]));
        Assert.Equal((4, 0.1, 0), (snapshot["slave/cpus_total"], snapshot["slave/cpus_used"], snapshot["slave/tasks_finished"]));
        Assert.DoesNotContain(snapshot.Keys, k => k.StartsWith("master/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_teardown_endpoint_removes_a_framework_named_in_its_form()
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        using var http = new HttpClient();
        var teardown = new Uri(Cluster.MasterUri, "master/teardown");

        using var missing = await http.PostAsync(teardown, new FormUrlEncodedContent([new("id", scheduler.FrameworkId)]));
        using var unknown = await http.PostAsync(teardown, new FormUrlEncodedContent([new("frameworkId", "nobody")]));
        using var get = await http.GetAsync(teardown);
        using var done = await http.PostAsync(teardown, new FormUrlEncodedContent([new("frameworkId", scheduler.FrameworkId)]));

        Assert.Equal((HttpStatusCode.BadRequest, "Missing 'frameworkId' query parameter"), (missing.StatusCode, await missing.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "No framework found with specified ID"), (unknown.StatusCode, await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await scheduler.Subscription!.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, MesosContentTypes.Protobuf);
        Assert.Equal(scheduler.FrameworkId, Assert.Single((await client.Operator.GetFrameworksAsync()).CompletedFrameworks).FrameworkInfo.Id.Value);
    }

    [Theory]
    [InlineData("state")]
    [InlineData("slave(1)/state")]
    public async Task An_agent_state_has_Mesos_agent_shape_with_the_master_ids(string path)
    {
        await using var scheduler = await LocalClusterWork.LaunchSleeperAsync(Cluster);
        using var http = new HttpClient();

        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(Cluster.AgentUris.Single(), path)));

        var root = state.RootElement;
        Assert.Equal(Cluster.AgentIds.Single(), root.GetProperty("id").GetString());
        Assert.Equal(Cluster.Options.Hostname, root.GetProperty("hostname").GetString());
        Assert.StartsWith("slave(1)@", root.GetProperty("pid").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, root.GetProperty("resources").GetProperty("cpus").GetDouble());
        Assert.Equal("[31000-32000]", root.GetProperty("resources").GetProperty("ports").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("attributes").ValueKind);
        Assert.Equal(Cluster.AgentUris.Single().Port.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("flags").GetProperty("port").GetString());
        var framework = Assert.Single(root.GetProperty("frameworks").EnumerateArray());
        Assert.Equal(scheduler.FrameworkId, framework.GetProperty("id").GetString());
        var executor = Assert.Single(framework.GetProperty("executors").EnumerateArray());
        var task = Assert.Single(executor.GetProperty("tasks").EnumerateArray());
        Assert.Equal(("sleeper", "TASK_RUNNING", Cluster.AgentIds.Single()), (task.GetProperty("id").GetString(), task.GetProperty("state").GetString(), task.GetProperty("slave_id").GetString()));
        Assert.Equal(0, root.GetProperty("completed_frameworks").GetArrayLength());
    }
}
