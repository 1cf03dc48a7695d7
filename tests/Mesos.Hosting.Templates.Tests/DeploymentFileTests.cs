using System.Text.Json;

namespace Mesos.Hosting.Templates.Tests;

/// <summary>
/// What the generated framework deploys with: settings that keep its framework ID and its workload store across restarts, and Marathon
/// apps that Marathon takes (strict JSON, the fields it needs) for two instances with a leader and for one with a volume,
/// both checking the scheduler's health over HTTP.
/// </summary>
[Collection(SharedPackedTemplate.Name)]
public sealed class DeploymentFileTests(PackedTemplate template)
{
    [Theory]
    [InlineData("Acme.DeployPi", "true")]
    [InlineData("Acme.DeployEcho", "false")]
    public async Task The_settings_keep_the_framework_id_and_work_together_and_the_marathon_apps_run_it_with_a_standby_or_on_a_volume(string name, string executor)
    {
        await template.NewAsync(template.Root, "-n", name, "--executor", executor);
        var project = Path.Combine(template.Root, name, name);
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "appsettings.json")));
        var idFile = settings.RootElement.GetProperty("Mesos").GetProperty("Scheduler").GetProperty("FrameworkIdFile").GetString()!;
        Assert.False(Path.IsPathRooted(idFile), "kept under the content root, beside the program");
        var storeFile = settings.RootElement.GetProperty("Mesos").GetProperty("Workloads").GetProperty("StorePath").GetString()!;
        Assert.Equal(Path.GetDirectoryName(idFile), Path.GetDirectoryName(storeFile));

        using var highlyAvailable = await MarathonAppAsync(project, "marathon.json", executor);
        Assert.Equal(2, highlyAvailable.RootElement.GetProperty("instances").GetInt32());
        Assert.StartsWith("zk://", Env(highlyAvailable, "Mesos__Scheduler__HighAvailability__ZooKeeper"), StringComparison.Ordinal);
        Assert.Equal(["hostname", "UNIQUE"], highlyAvailable.RootElement.GetProperty("constraints")[0].EnumerateArray().Select(e => e.GetString()));

        // One instance: the folder of the ID file, in the image's working directory, is a persistent volume.
        using var single = await MarathonAppAsync(project, "marathon-single.json", executor);
        Assert.Equal(1, single.RootElement.GetProperty("instances").GetInt32());
        Assert.False(single.RootElement.GetProperty("env").TryGetProperty("Mesos__Scheduler__HighAvailability__ZooKeeper", out _));
        var workingDirectory = (await File.ReadAllLinesAsync(Path.Combine(project, "Dockerfile"))).Last(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..];
        var volumes = single.RootElement.GetProperty("container").GetProperty("volumes").EnumerateArray().ToList();
        var mounted = volumes.Single(v => v.GetProperty("containerPath").GetString() == $"{workingDirectory}/{Path.GetDirectoryName(idFile)}");
        var persistent = volumes.Single(v => v.TryGetProperty("persistent", out _));
        Assert.Equal(persistent.GetProperty("containerPath").GetString(), mounted.GetProperty("hostPath").GetString());
        Assert.Equal("disabled", single.RootElement.GetProperty("unreachableStrategy").GetString());
    }

    /// <summary>The app parsed as strict JSON (as Marathon reads it), with the fields every app of the framework needs.</summary>
    private static async Task<JsonDocument> MarathonAppAsync(string project, string file, string executor)
    {
        var app = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, file)));
        var root = app.RootElement;
        Assert.StartsWith("/", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("cpus").GetDouble() > 0 && root.GetProperty("mem").GetDouble() > 0, $"{file} asks for cpus and mem");
        Assert.Equal("MESOS", root.GetProperty("container").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("container").GetProperty("docker").GetProperty("image").GetString()));
        Assert.All(root.GetProperty("env").EnumerateObject(), e => Assert.Equal(JsonValueKind.String, e.Value.ValueKind));
        Assert.False(string.IsNullOrEmpty(Env(app, "Mesos__Scheduler__Master")));
        Assert.Equal(executor == "true", root.GetProperty("env").TryGetProperty("Work__ExecutorImage", out _));

        // Marathon asks the scheduler's liveness endpoint on the port it gives the app (PORT0, its first port).
        var health = root.GetProperty("healthChecks")[0];
        Assert.Equal("MESOS_HTTP", health.GetProperty("protocol").GetString());
        Assert.Equal("/health/live", health.GetProperty("path").GetString());
        Assert.Equal(0, health.GetProperty("portIndex").GetInt32());
        Assert.Single(root.GetProperty("portDefinitions").EnumerateArray());
        return app;
    }

    private static string? Env(JsonDocument app, string name) => app.RootElement.GetProperty("env").GetProperty(name).GetString();
}
