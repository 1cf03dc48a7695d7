namespace Mesos.Hosting.Templates.Tests;

/// <summary>
/// dotnet new mesos-framework, from the packed template and packages only: the generated solution builds,
/// its tests pass, it runs on a local cluster, and the Dockerfile's build steps publish a program that
/// runs as the scheduler and, started by the local cluster's agents, as its executor.
/// </summary>
[Collection(SharedPackedTemplate.Name)]
public sealed class FrameworkTemplateTests(PackedTemplate template)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("Acme.Pi", "true")]
    [InlineData("Acme.Echo", "false")]
    public async Task The_generated_framework_builds_tests_runs_and_publishes_as_its_dockerfile_says(string name, string executor)
    {
        var root = await template.NewAsync(name, "--executor", executor);
        var project = Path.Combine(root, name);
        Assert.Contains($"Include=\"Mesos.Hosting\" Version=\"{template.Version}\"", await File.ReadAllTextAsync(Path.Combine(project, $"{name}.csproj")), StringComparison.Ordinal);
        Assert.Equal(executor == "true", File.Exists(Path.Combine(project, "FrameworkTaskRunner.cs")));

        await Command.SucceedAsync(root, template.Environment, Step, PackedTemplate.Dotnet, "build");
        var tests = await Command.SucceedAsync(root, template.Environment, Step, PackedTemplate.Dotnet, "test", "--no-build");
        Assert.Contains("Passed!", tests, StringComparison.Ordinal);
        var run = await Command.SucceedAsync(root, template.Environment, Step, PackedTemplate.Dotnet, "run", "--no-build", "--project", name, "--", "--local");
        Assert.Contains("All 4 tasks finished", run, StringComparison.Ordinal);

        // No Docker engine here: the Dockerfile's own RUN steps, with its /app put in a folder of the test's.
        var published = Path.Combine(root, "app");
        var steps = (await File.ReadAllLinesAsync(Path.Combine(project, "Dockerfile")))
            .Where(l => l.StartsWith("RUN dotnet ", StringComparison.Ordinal))
            .Select(l => l["RUN dotnet ".Length..].Replace("/app", published, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        Assert.Equal(["restore", "publish"], steps.Select(s => s[0]));
        foreach (var step in steps)
        {
            await Command.SucceedAsync(root, template.Environment, Step, PackedTemplate.Dotnet, step);
        }

        // The image's entry point, with --local: the scheduler, and (with an executor) its executors started from the same files.
        var container = await Command.SucceedAsync(published, template.Environment, Step, PackedTemplate.Dotnet, Path.Combine(published, $"{name}.dll"), "--local");
        Assert.Contains("All 4 tasks finished", container, StringComparison.Ordinal);
    }
}
