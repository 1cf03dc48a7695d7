using static Mesos.Hosting.Testing.Tests.ToolProcesses;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The mesos-local tool as a process, driven by a framework that shares no code with us.</summary>
public sealed class MesosLocalToolTests
{
    [Fact]
    public async Task A_plain_python_framework_runs_tasks_on_mesos_local_which_then_stops_cleanly()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "mesos-local.dll");
        using var cluster = Start("dotnet", tool, "--port", "0", "--agent-port", "0", "--agents", "2");
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
    public async Task Bad_arguments_are_named_and_refused()
    {
        using var tool = Start("dotnet", Path.Combine(AppContext.BaseDirectory, "mesos-local.dll"), "--agents", "many");
        var errors = await tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, tool.ExitCode);
        Assert.Contains("--agents must be a non-negative whole number, not 'many'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_profiles_shape_the_agents_the_tool_starts()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "mesos-local.dll");
        using var cluster = Start("dotnet", tool, "--port", "0", "--agent-port", "0",
            "--agent", "hostname=node-a|attributes=rack:r1|resources=cpus:1;mem:256", "--agent", "hostname=node-b|attributes=rack:r2");
        var master = new Uri(await ReadLineStartingAsync(cluster, "mesos-local: master at "));
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

    [Fact]
    public async Task An_agent_profile_with_an_unknown_part_is_refused_naming_it()
    {
        using var tool = Start("dotnet", Path.Combine(AppContext.BaseDirectory, "mesos-local.dll"), "--agent", "hostname=a|zone=b");
        var errors = await tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, tool.ExitCode);
        Assert.Contains("--agent 'hostname=a|zone=b': 'zone=b' is not hostname=…, attributes=… or resources=….", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("teardown", "teardown needs the ID of the framework to remove.")]
    [InlineData("frameworks extra", "frameworks: unexpected 'extra'.")]
    public async Task An_operator_command_with_a_bad_command_line_is_refused_naming_what_is_wrong(string commandLine, string message)
    {
        using var tool = Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesos-local.dll"), .. commandLine.Split(' ')]);
        var errors = await tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, tool.ExitCode);
        Assert.Contains($"mesos-local: {message}", errors, StringComparison.Ordinal);
    }
}
