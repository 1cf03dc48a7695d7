using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mesos.Hosting.Testing;

namespace Mesos.Hosting.Templates.Tests;

/// <summary>
/// dotnet new mesos-framework, from the packed template and packages only, on a clean package folder: the onboarding
/// steps of the template's README build, test and run the framework on a local cluster (its tasks under the executor's
/// JIT-compiled build); the Dockerfile's build steps publish the production program alone, which answers its health
/// over HTTP as it subscribes to a Mesos master, and the executor NativeAOT-compiled, without a warning, beside it,
/// where the published scheduler starts it for its tasks.
/// </summary>
[Collection(SharedPackedTemplate.Name)]
public sealed partial class FrameworkTemplateTests(PackedTemplate template)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    // A native compile of the SDK, Google.Protobuf and Microsoft.Extensions on two busy cores, after restoring the compiler.
    private static readonly TimeSpan NativePublish = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("Acme.Pi", "true")]
    [InlineData("Acme.Echo", "false")]
    public async Task The_readme_onboarding_runs_the_framework_locally_and_its_image_holds_the_production_program_alone(string name, string executor)
    {
        Assert.Matches(@"^\d+\.\d+\.\d+-dev\.\d+$", template.Version);
        var (solution, outputs) = await FollowTheReadmeAsync(name, executor);
        var localRun = outputs[$"dotnet run --project {name}.Local"];
        Assert.Contains("All 4 tasks finished", localRun, StringComparison.Ordinal);
        Assert.Equal(executor == "true", localRun.Contains("(JIT)", StringComparison.Ordinal));
        Assert.Contains("Passed!", outputs["dotnet test"], StringComparison.Ordinal);
        Assert.Contains($"Include=\"Mesos.Hosting\" Version=\"{template.Version}\"", await File.ReadAllTextAsync(Path.Combine(solution, name, $"{name}.csproj")), StringComparison.Ordinal);
        Assert.Equal(executor == "true", File.Exists(Path.Combine(solution, $"{name}.Executor", "FrameworkTaskRunner.cs")));

        var published = await PublishAsTheDockerfileSaysAsync(solution, name, executor == "true");
        Assert.True(File.Exists(Path.Combine(published, "Mesos.Hosting.dll")));
        Assert.False(File.Exists(Path.Combine(published, "Mesos.Hosting.Testing.dll")), "the local cluster stays out of the image");
        Assert.False(File.Exists(Path.Combine(published, $"{name}.Executor.dll")), "the scheduler does not carry the executor's code");
        if (executor == "true")
        {
            // The executor is one native program: no assembly for a JIT to load, no native library beside it (SQLite's is the scheduler's).
            Assert.True(File.Exists(Path.Combine(published, "executor", $"{name}.Executor")));
            Assert.Empty(Directory.GetFiles(Path.Combine(published, "executor"), "*.dll"));
            Assert.Empty(Directory.GetFiles(Path.Combine(published, "executor"), "*.so").Select(Path.GetFileName));
            // Its project switches JSON off, so the native compile left the SDK's JSON codec out (its type name with it).
            var image = await File.ReadAllBytesAsync(Path.Combine(published, "executor", $"{name}.Executor"));
            Assert.True(image.AsSpan().IndexOf("JsonCodec"u8) < 0, "the executor's image still holds the JSON codec");
            // The package's build targets handed the native compiler the executor host's runtime directives.
            var compilerArguments = Directory.GetFiles(Path.Combine(solution, $"{name}.Executor", "obj"), "*.ilc.rsp", SearchOption.AllDirectories).SelectMany(File.ReadLines);
            Assert.Contains(compilerArguments, a => a.StartsWith("--rdxml:", StringComparison.Ordinal) && a.EndsWith("Mesos.Hosting.Executor.rd.xml", StringComparison.Ordinal));
            await AssertTasksRunUnderTheNativeExecutorAsync(solution, Path.Combine(published, $"{name}.dll"));
        }

        // Health over HTTP is ASP.NET Core's: the program runs on its shared runtime (the image's aspnet base), none of its assemblies copied.
        Assert.Empty(Directory.GetFiles(published, "Microsoft.AspNetCore*.dll"));
        using var runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(published, $"{name}.runtimeconfig.json")));
        var frameworks = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString());
        Assert.Contains("Microsoft.AspNetCore.App", frameworks);

        // The collector the scheduler's figures were measured under (docs/deployment.md): server GC, its heaps fixed.
        var properties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());

        await AssertHealthOverHttpAsync(Path.Combine(published, $"{name}.dll"));
    }

    /// <summary>
    /// Each step of the README's onboarding, MyFramework being the test's name; the template is installed from the local
    /// feed (the fixture did that), and instantiating it adds the private hive, the local feed and the test's options.
    /// Returns the solution's folder and what each dotnet step printed.
    /// </summary>
    private async Task<(string Solution, Dictionary<string, string> Outputs)> FollowTheReadmeAsync(string name, string executor)
    {
        var directory = template.Root;
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in await ReadmeOnboarding.StepsAsync(template.Readme))
        {
            switch (step.Select(word => word.Replace("MyFramework", name, StringComparison.Ordinal)).ToArray())
            {
                case ["dotnet", "new", "install", "Mesos.Hosting.Templates"]:
                    break;
                case ["dotnet", "new", "mesos-framework", .. var arguments]:
                    await template.NewAsync(directory, [.. arguments, "--executor", executor]);
                    break;
                case ["cd", var folder]:
                    directory = Path.Combine(directory, folder);
                    break;
                case ["dotnet", .. var arguments]:
                    outputs[string.Join(' ', ["dotnet", .. arguments])] = await SucceedingCommand.RunAsync(directory, template.Environment, Step, PackedTemplate.Dotnet, arguments);
                    break;
                default:
                    Assert.Fail($"The README's onboarding has a step this test does not know: {string.Join(' ', step)}");
                    break;
            }
        }

        return (directory, outputs);
    }

    /// <summary>
    /// No Docker engine here: the Dockerfile's own RUN steps, with its /app put in a folder of the test's. With the
    /// executor, the scheduler's restore and publish, then the executor's, whose NativeAOT compile warns of nothing
    /// (a trim or AOT warning would be a program that may fail where the JIT-compiled one works).
    /// </summary>
    private async Task<string> PublishAsTheDockerfileSaysAsync(string solution, string name, bool withExecutor)
    {
        var published = Path.Combine(solution, "image-app");
        var steps = (await File.ReadAllLinesAsync(Path.Combine(solution, name, "Dockerfile")))
            .Where(l => l.StartsWith("RUN dotnet ", StringComparison.Ordinal))
            .Select(l => l["RUN dotnet ".Length..].Replace("/app", published, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        Assert.Equal(withExecutor ? ["restore", "restore", "publish", "publish"] : ["restore", "publish"], steps.Select(s => s[0]));
        foreach (var step in steps)
        {
            var output = await SucceedingCommand.RunAsync(solution, template.Environment, NativePublish, PackedTemplate.Dotnet, step);
            Assert.DoesNotMatch(WarningCode(), output);
        }

        return published;
    }

    /// <summary>
    /// The published scheduler as the image runs it, with no executor command given: its tasks run under the native
    /// executor beside it (their results say so), and it stops by itself once they have all finished.
    /// </summary>
    private async Task AssertTasksRunUnderTheNativeExecutorAsync(string solution, string program)
    {
        var data = Path.Combine(solution, "native-run-data");
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
        await using var app = PublishedApp.Start(
            program,
            template.Environment,
            $"--Mesos:Scheduler:Master={cluster.MasterUri}",
            $"--Mesos:Scheduler:FrameworkIdFile={Path.Combine(data, "framework-id")}",
            $"--Mesos:Workloads:StorePath={Path.Combine(data, "workloads.db")}",
            "--Urls=http://127.0.0.1:0");

        await app.Lines.WaitAsync(lines => lines.Any(l => l.Contains("All 4 tasks finished", StringComparison.Ordinal) || l.Contains("failed on every attempt", StringComparison.Ordinal)), Step, "the batch's results");
        Assert.Equal(0, await app.ExitedAsync(Step));
        var lines = app.Lines.Snapshot();
        Assert.Contains(lines, l => l.Contains("All 4 tasks finished", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.Contains("(NativeAOT)", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The published program against a master that first answers 503 (as one recovering does), then lets it subscribe:
    /// live throughout, ready once subscribed; after SIGTERM nothing answers. Its tasks fit no agent, so that it stays;
    /// it retries every 3 s, so that few failed subscriptions (which would keep it Degraded) come before it subscribes.
    /// </summary>
    private async Task AssertHealthOverHttpAsync(string program)
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1 });
        cluster.AnswerUnavailableFor(TimeSpan.FromMinutes(10));
        await using var app = PublishedApp.Start(
            program,
            template.Environment,
            $"--Mesos:Scheduler:Master={cluster.MasterUri}",
            "--Mesos:Scheduler:ReconnectInitialDelay=00:00:03",
            "--Mesos:Scheduler:ReconnectMaxDelay=00:00:03",
            "--Urls=http://127.0.0.1:0",
            "--Work:TaskCpus=1000");
        using var http = new HttpClient { BaseAddress = await app.ListeningAtAsync(Step), Timeout = TimeSpan.FromSeconds(30) };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/health/live"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, "/health/ready"));

        cluster.AnswerUnavailableFor(TimeSpan.Zero);
        await app.Lines.WaitAsync(lines => lines.Any(l => l.Contains("Subscribed to", StringComparison.Ordinal)), TimeSpan.FromMinutes(1), "the subscription");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/health/live"));

        Assert.Equal(0, await app.TerminateAsync(Step));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [GeneratedRegex(@"warning [A-Z]+[0-9]+")]
    private static partial Regex WarningCode();

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
