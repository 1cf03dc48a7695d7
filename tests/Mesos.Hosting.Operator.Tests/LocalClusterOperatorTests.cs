using System.Net;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Tests;
using Mesos.Hosting.Wire;
using Mesos.V1;
using OperatorEvent = Mesos.V1.Master.Event;
using SchedulerEvent = Mesos.V1.Scheduler.Event;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>
/// The real operator client against LocalMesosCluster's master, whose answers come from what the cluster
/// holds: a raw framework with a task group under the default executor, one task running and one finished.
/// </summary>
public sealed class LocalClusterOperatorTests() : LocalClusterTest(new LocalMesosClusterOptions { Masters = 2 })
{
    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task Every_reading_call_returns_what_the_cluster_holds(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchGroupAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        var op = client.Operator;
        var agentId = Cluster.AgentIds.Single();

        Assert.True((await op.GetHealthAsync()).Healthy);
        Assert.Equal("1.11.0", (await op.GetVersionAsync()).VersionInfo.Version);
        var flags = (await op.GetFlagsAsync()).Flags.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(Cluster.Options.Hostname, flags["hostname"]);
        Assert.Equal(Cluster.MasterUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), flags["port"]);
        Assert.Equal("1secs", flags["allocation_interval"]);

        var agents = await op.GetAgentsAsync();
        var agent = Assert.Single(agents.Agents);
        Assert.Equal(agentId, agent.AgentInfo.Id.Value);
        Assert.True(agent.Active);
        Assert.NotEmpty(agent.AllocatedResources);

        var frameworks = await op.GetFrameworksAsync();
        var framework = Assert.Single(frameworks.Frameworks);
        Assert.Equal(scheduler.FrameworkId, framework.FrameworkInfo.Id.Value);
        Assert.True(framework.Active);
        Assert.True(framework.Connected);
        Assert.Empty(frameworks.CompletedFrameworks);

        var executor = Assert.Single((await op.GetExecutorsAsync()).Executors);
        Assert.Equal("group-executor", executor.ExecutorInfo.ExecutorId.Value);
        Assert.Equal(agentId, executor.AgentId.Value);

        var tasks = await op.GetTasksAsync();
        var running = Assert.Single(tasks.Tasks);
        Assert.Equal(("long", TaskState.TaskRunning, scheduler.FrameworkId, agentId), (running.TaskId.Value, running.State, running.FrameworkId.Value, running.AgentId.Value));
        var finished = Assert.Single(tasks.CompletedTasks);
        Assert.Equal(("short", TaskState.TaskFinished), (finished.TaskId.Value, finished.State));
        Assert.Empty(tasks.PendingTasks);

        var role = Assert.Single((await op.GetRolesAsync()).Roles);
        Assert.Equal("*", role.Name);
        Assert.Equal(scheduler.FrameworkId, Assert.Single(role.Frameworks).Value);

        await StateHoldsWhatTheCallsAnswerAsync(op);
    }

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task An_agent_answers_with_the_tasks_executors_and_frameworks_on_it(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchGroupAsync(Cluster);
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        var agent = client.Operator.Agent(Cluster.AgentUris.Single());

        Assert.True((await agent.GetHealthAsync()).Healthy);
        Assert.Equal("1.11.0", (await agent.GetVersionAsync()).VersionInfo.Version);
        var flags = (await agent.GetFlagsAsync()).Flags.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(Cluster.AgentUris.Single().Port.ToString(System.Globalization.CultureInfo.InvariantCulture), flags["port"]);
        var state = await agent.GetStateAsync();

        Assert.Equal("long", Assert.Single(state.GetTasks.LaunchedTasks).TaskId.Value);
        Assert.Equal(TaskState.TaskRunning, state.GetTasks.LaunchedTasks[0].State);
        Assert.Contains(state.GetTasks.TerminatedTasks.Concat(state.GetTasks.CompletedTasks), t => t.TaskId.Value == "short" && t.State == TaskState.TaskFinished);
        Assert.Equal("group-executor", Assert.Single(state.GetExecutors.Executors).ExecutorInfo.ExecutorId.Value);
        Assert.Equal(scheduler.FrameworkId, Assert.Single(state.GetFrameworks.Frameworks).FrameworkInfo.Id.Value);
    }

    [Theory]
    [InlineData("""{"type":"FOO"}""", HttpStatusCode.BadRequest, "Failed to validate agent::Call: Expecting 'type' to be present")]
    [InlineData("""{"type":"GET_CONTAINERS"}""", HttpStatusCode.NotImplemented, "The local agent does not implement GetContainers")]
    [InlineData("{", HttpStatusCode.BadRequest, "Failed to parse body into JSON: ")]
    public async Task An_agent_refuses_what_it_cannot_answer_as_Mesos_does(string body, HttpStatusCode status, string message)
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawScheduler.Request(new Uri(Cluster.AgentUris.Single(), "api/v1"), LocalClusterWork.Json(body), "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task Teardown_removes_the_framework_and_its_processes(string contentType)
    {
        await using var scheduler = await LocalClusterWork.LaunchGroupAsync(Cluster);
        var offer = (await scheduler.Subscription!.NextAsync(SchedulerEvent.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [CustomExecutorTask(offer)]);
        var pid = await ReadPidAsync("pid");
        var executorPid = await ReadPidAsync("executor-pid");
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);

        await client.Operator.TeardownAsync(MesosId.Of<FrameworkID>(scheduler.FrameworkId));

        var frameworks = await client.Operator.GetFrameworksAsync();
        Assert.Empty(frameworks.Frameworks);
        Assert.Equal(scheduler.FrameworkId, Assert.Single(frameworks.CompletedFrameworks).FrameworkInfo.Id.Value);
        var tasks = await client.Operator.GetTasksAsync();
        Assert.Empty(tasks.Tasks);
        var killed = tasks.CompletedTasks.Where(t => t.TaskId.Value is "long" or "custom").ToList();
        Assert.Equal(2, killed.Count);
        Assert.All(killed, t => Assert.Equal((TaskState.TaskKilled, TaskStatus.Types.Reason.FrameworkRemoved), (t.State, t.Statuses[^1].Reason)));
        await scheduler.Subscription.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        await OsConditions.WaitAsync(() => Task.FromResult(!OsConditions.ProcessExists(pid)), $"the default executor's task process {pid} gone");
        await OsConditions.WaitAsync(() => Task.FromResult(!OsConditions.ProcessExists(executorPid)), $"the custom executor's process {executorPid} gone");
        await OsConditions.WaitAsync(async () => (await client.Operator.GetExecutorsAsync()).Executors.Count == 0, "the executor gone from GET_EXECUTORS");
    }

    [Theory]
    [MemberData(nameof(LocalClusterWork.Encodings), MemberType = typeof(LocalClusterWork))]
    public async Task The_event_stream_starts_with_the_whole_state_and_follows_frameworks_tasks_and_agents(string contentType)
    {
        await using var client = OperatorUnderTest.Create(Cluster.MasterUri, contentType);
        using var stop = new CancellationTokenSource();
        var events = new Observed<OperatorEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var evt in client.Operator.SubscribeAsync(stop.Token))
            {
                events.Add(evt);
            }
        });
        var agentId = Cluster.AgentIds.Single();

        var subscribed = await LocalClusterWork.SeenAsync(events, e => e.Type == OperatorEvent.Types.Type.Subscribed);
        Assert.Equal(agentId, Assert.Single(subscribed.Subscribed.GetState.GetAgents.Agents).AgentInfo.Id.Value);
        Assert.Empty(subscribed.Subscribed.GetState.GetFrameworks.Frameworks);
        Assert.Equal(Cluster.Options.HeartbeatInterval.TotalSeconds, subscribed.Subscribed.HeartbeatIntervalSeconds);
        await LocalClusterWork.SeenAsync(events, e => e.Type == OperatorEvent.Types.Type.Heartbeat);

        await using var scheduler = await LocalClusterWork.LaunchGroupAsync(Cluster);
        var added = await LocalClusterWork.SeenAsync(events, e => e.Type == OperatorEvent.Types.Type.FrameworkAdded);
        Assert.Equal(scheduler.FrameworkId, added.FrameworkAdded.Framework.FrameworkInfo.Id.Value);
        var taskAdded = await LocalClusterWork.SeenAsync(events, e => e.Type == OperatorEvent.Types.Type.TaskAdded);
        Assert.Equal((scheduler.FrameworkId, agentId), (taskAdded.TaskAdded.Task.FrameworkId.Value, taskAdded.TaskAdded.Task.AgentId.Value));
        await LocalClusterWork.SeenAsync(events, e => e.TaskUpdated is { } u && u.Status.TaskId.Value == "short" && u.State == TaskState.TaskFinished);
        await LocalClusterWork.SeenAsync(events, e => e.TaskUpdated is { } u && u.Status.TaskId.Value == "long" && u.State == TaskState.TaskRunning);

        await client.Operator.TeardownAsync(MesosId.Of<FrameworkID>(scheduler.FrameworkId));
        var killed = await LocalClusterWork.SeenAsync(events, e => e.TaskUpdated is { } u && u.Status.TaskId.Value == "long" && u.State == TaskState.TaskKilled);
        Assert.Equal((TaskStatus.Types.Reason.FrameworkRemoved, scheduler.FrameworkId), (killed.TaskUpdated.Status.Reason, killed.TaskUpdated.FrameworkId.Value));
        var removed = await LocalClusterWork.SeenAsync(events, e => e.Type == OperatorEvent.Types.Type.FrameworkRemoved);
        Assert.Equal(scheduler.FrameworkId, removed.FrameworkRemoved.FrameworkInfo.Id.Value);

        await Cluster.RemoveAgentAsync(0);
        Assert.Equal(agentId, (await LocalClusterWork.SeenAsync(events, e => e.Type == OperatorEvent.Types.Type.AgentRemoved)).AgentRemoved.AgentId.Value);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task A_master_that_does_not_lead_redirects_and_the_client_follows()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var standby = Cluster.MasterUris[1 - Cluster.LeaderIndex];

        using var redirect = await http.SendAsync(RawScheduler.Request(new Uri(standby, "api/v1"), LocalClusterWork.Json("""{"type":"GET_HEALTH"}"""), "application/json"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"//{Cluster.MasterUri.Host}:{Cluster.MasterUri.Port}/api/v1", redirect.Headers.Location!.OriginalString);
        await using var client = OperatorUnderTest.Create(standby, MesosContentTypes.Json);
        Assert.True((await client.Operator.GetHealthAsync()).Healthy);
    }

    [Theory]
    [InlineData("application/json", """{"type":"GET_HEALTH"}""", "text/plain", HttpStatusCode.NotAcceptable, "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'")]
    [InlineData(null, """{"type":"GET_HEALTH"}""", null, HttpStatusCode.BadRequest, "Expecting 'Content-Type' to be present")]
    [InlineData("text/xml", """{"type":"GET_HEALTH"}""", null, HttpStatusCode.UnsupportedMediaType, "Expecting 'Content-Type' of application/json or application/x-protobuf")]
    [InlineData("application/json", "{", null, HttpStatusCode.BadRequest, "Failed to parse body into JSON: ")]
    [InlineData("application/json", """{"type":"TEARDOWN","teardown":{}}""", null, HttpStatusCode.BadRequest, "Failed to convert JSON into Call protobuf: ")]
    [InlineData("application/json", """{"type":"FOO"}""", null, HttpStatusCode.BadRequest, "Failed to validate master::Call: Expecting 'type' to be present")]
    [InlineData("application/json", """{"type":"TEARDOWN"}""", null, HttpStatusCode.BadRequest, "Failed to validate master::Call: Expecting 'teardown' to be present")]
    [InlineData("application/json", """{"type":"TEARDOWN","teardown":{"framework_id":{"value":"nobody"}}}""", null, HttpStatusCode.BadRequest, "No framework found with specified ID")]
    [InlineData("application/json", """{"type":"UNKNOWN"}""", null, HttpStatusCode.NotImplemented, "")]
    public async Task Malformed_and_unknown_calls_get_Mesos_answers(string? contentType, string body, string? accept, HttpStatusCode status, string message)
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(RawScheduler.Request(OperatorApi, LocalClusterWork.Json(body), contentType, accept));

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_protobuf_and_a_method_other_than_POST_are_refused()
    {
        using var http = new HttpClient();

        using var garbage = await http.SendAsync(RawScheduler.Request(OperatorApi, [0xFF, 0xFF, 0xFF], MesosContentTypes.Protobuf));
        using var get = await http.GetAsync(OperatorApi);

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("Failed to parse body into Call protobuf", await garbage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("POST", get.Content.Headers.Allow.Single());
        Assert.Equal("Expecting a 'POST' request, received 'GET'", await get.Content.ReadAsStringAsync());
    }

    private Uri OperatorApi => new(Cluster.MasterUri, "api/v1");

    /// <summary>A task for a framework's own executor: a shell that writes its pid and waits, never subscribing.</summary>
    private static TaskInfo CustomExecutorTask(Offer offer)
    {
        var task = RawScheduler.ShellTask(offer, "custom", "unused");
        task.Command = null;
        task.Executor = new ExecutorInfo { ExecutorId = MesosId.Of<ExecutorID>("custom-executor"), Command = new CommandInfo { Value = "echo $$ > executor-pid; exec sleep 600" } };
        return task;
    }

    /// <summary>The pid a process wrote to a file of that name in its sandbox, once it is there.</summary>
    private async Task<int> ReadPidAsync(string name)
    {
        string? found = null;
        await OsConditions.WaitAsync(() =>
        {
            found = Directory.EnumerateFiles(Cluster.WorkDirectory, name, SearchOption.AllDirectories).FirstOrDefault(f => new System.IO.FileInfo(f).Length > 0);
            return Task.FromResult(found is not null);
        }, $"a process to write '{name}' in its sandbox");
        return int.Parse(File.ReadAllText(found!).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // GET_STATE holds what GET_AGENTS, GET_FRAMEWORKS and GET_TASKS answer. The allocator offers once a second, so reads
    // either side of an allocation differ (offered resources): they are read again until they agree, and the last read
    // are compared, so that a state that never agrees fails with the difference.
    private static async Task StateHoldsWhatTheCallsAnswerAsync(IMesosOperator op)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var (agents, frameworks, tasks) = (await op.GetAgentsAsync(), await op.GetFrameworksAsync(), await op.GetTasksAsync());
            var state = await op.GetStateAsync();
            if ((agents, frameworks, tasks).Equals((state.GetAgents, state.GetFrameworks, state.GetTasks)) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(agents, state.GetAgents);
                Assert.Equal(frameworks, state.GetFrameworks);
                Assert.Equal(tasks, state.GetTasks);
                return;
            }

            await Task.Delay(50);
        }
    }
}
