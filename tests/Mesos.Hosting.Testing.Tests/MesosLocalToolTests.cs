using static Mesos.Hosting.Testing.Tests.ToolProcesses;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The mesos-local tool as a process, driven by a framework that shares no code with us.</summary>
public sealed class MesosLocalToolTests
{
    [Fact]
    public async Task A_plain_python_framework_runs_tasks_on_mesos_local_which_then_stops_cleanly()
    {
        using var cluster = StartTool("--port", "0", "--agent-port", "0", "--agents", "2");
        var master = await ReadLineStartingAsync(cluster, "mesos-local: master at ");
        var sandboxes = await ReadLineStartingAsync(cluster, "mesos-local: sandboxes under ");

        using var framework = Start("python3", Path.Combine(AppContext.BaseDirectory, "ThirdParty", "raw_framework.py"), master, "12");
        var output = await framework.StandardOutput.ReadToEndAsync();
        var errors = await framework.StandardError.ReadToEndAsync();
        await framework.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(framework.ExitCode == 0, $"python framework failed: {output}{errors}");
        Assert.Contains("python-raw: 12 tasks finished", output, StringComparison.Ordinal);

        Signal(cluster.Id, 15);
        await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, cluster.ExitCode);
        Assert.False(Directory.Exists(sandboxes), "the temporary work directory should be gone");
    }

    [Fact]
    public async Task Agent_profiles_shape_the_agents_the_tool_starts_and_it_prints_its_web_view()
    {
        using var cluster = StartTool("--port", "0", "--agent-port", "0",
            "--agent", "hostname=node-a|attributes=rack:r1|resources=cpus:1;mem:256", "--agent", "hostname=node-b|attributes=rack:r2");
        var master = new Uri(await ReadLineStartingAsync(cluster, "mesos-local: master at "));
        var webView = (await ReadLineStartingAsync(cluster, "mesos-local: web view at ")).Split(' ')[0];
        using (var http = new HttpClient())
        {
            using var page = await http.GetAsync(webView);
            Assert.Equal(new Uri(master, "/"), new Uri(webView));
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        await using var scheduler = new RawScheduler(master);
        var subscription = await scheduler.SubscribeAsync(RawScheduler.Framework());

        var offers = new Dictionary<string, Mesos.V1.Offer>();
        while (offers.Count < 2)
        {
            foreach (var offer in (await subscription.NextAsync(Mesos.V1.Scheduler.Event.Types.Type.Offers)).Offers.Offers_)
            {
                offers[offer.Hostname] = offer;
            }
        }

        Assert.Equal("r1", offers["node-a"].Attributes.Single(a => a.Name == "rack").Text.Value);
        Assert.Equal(1, offers["node-a"].Resources.Single(r => r.Name == "cpus").Scalar.Value);
        Assert.Equal("r2", offers["node-b"].Attributes.Single(a => a.Name == "rack").Text.Value);
        Signal(cluster.Id, 15);
        await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, cluster.ExitCode);
    }

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["--agents", "many"], "--agents must be a non-negative whole number, not 'many'" },
        { ["--agent", "hostname=a|zone=b"], "--agent 'hostname=a|zone=b': 'zone=b' is not hostname=…, attributes=… or resources=…." },
        { ["teardown"], "teardown needs the ID of the framework to remove." },
        { ["frameworks", "extra"], "frameworks: unexpected 'extra'." },
        { ["--task-duration", "1secs"], "--task-duration is for simulated agents: add --simulated-agents." },
        { ["--simulated-agents", "--task-duration", "soon"], "--task-duration must be a positive Mesos duration such as '15secs', not 'soon'." },
        { ["--journal-capacity", "0"], "--journal-capacity must be at least 1: the journal keeps the newest entries of each kind." },
    };

    [Fact]
    public async Task Simulated_agents_run_a_task_in_process_for_the_duration_given()
    {
        using var cluster = StartTool("--port", "0", "--agents", "50", "--simulated-agents", "--task-duration", "50ms");
        var master = new Uri(await ReadLineStartingAsync(cluster, "mesos-local: master at "));
        Assert.Equal(": tasks run in process, no agent serves HTTP", await ReadLineStartingAsync(cluster, "mesos-local: 50 simulated agents"));

        await using var scheduler = new RawScheduler(master);
        var subscription = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await subscription.NextAsync(Mesos.V1.Scheduler.Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "simulated", "sleep 3600")]);

        await scheduler.AcknowledgeNextAsync("simulated", Mesos.V1.TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("simulated", Mesos.V1.TaskState.TaskRunning);
        await scheduler.AcknowledgeNextAsync("simulated", Mesos.V1.TaskState.TaskFinished);
        Signal(cluster.Id, 15);
        await cluster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, cluster.ExitCode);
    }

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_command_line_is_refused_naming_what_is_wrong(string[] args, string message)
    {
        using var tool = StartTool(args);
        var errors = await tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, tool.ExitCode);
        Assert.Contains($"mesos-local: {message}", errors, StringComparison.Ordinal);
    }
}
