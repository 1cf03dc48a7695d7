using System.Text.RegularExpressions;
using Mesos.Hosting.TestSupport.Processes;

namespace Mesos.Hosting.Templates.Tests;

/// <summary>
/// The packages as `dotnet pack` makes them, from a copy of the sources (so that packing does not race the
/// build of the running test suite), in a local feed, with the template installed from it into a private hive.
/// The copy is no git working tree: the packs take their version's height from the repository it came from.
/// </summary>
public sealed partial class PackedTemplate : IAsyncLifetime
{
    private static readonly string[] Packed = ["src/Mesos.Hosting", "src/Mesos.Hosting.Testing", "src/Mesos.Hosting.LocalCluster", "templates/Mesos.Hosting.Templates"];
    private static readonly string[] Copied = ["src", "proto", "templates", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig"];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"mesos-template-{Guid.NewGuid():N}");

    public string Feed => Path.Combine(Root, "feed");

    public string Hive => Path.Combine(Root, "hive");

    public string Version { get; private set; } = "";

    /// <summary>The template's README, whose onboarding steps the tests follow.</summary>
    public string Readme => Path.Combine(Root, "sources", "templates", "Mesos.Hosting.Templates", "README.md");

    /// <summary>Restores go to a package folder of their own, so that no earlier run's Mesos.Hosting stands in for this one's.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    public static string Dotnet => DotnetHost.Path;

    public async Task InitializeAsync()
    {
        var repository = Repository.Root();
        var sources = Path.Combine(Root, "sources");
        foreach (var entry in Copied)
        {
            Copy(Path.Combine(repository, entry), Path.Combine(sources, entry));
        }

        // Compiling the SDK from a clean copy takes minutes on a busy machine.
        foreach (var project in Packed)
        {
            await SucceedingCommand.RunAsync(sources, Environment, TimeSpan.FromMinutes(10), Dotnet, "pack", project, "-c", "Release", "-o", Feed, $"-p:VersionHeightRepository={repository}");
        }

        Version = VersionOf().Match(Path.GetFileName(Directory.GetFiles(Feed, "Mesos.Hosting.Templates.*.nupkg").Single())).Groups[1].Value;
        await SucceedingCommand.RunAsync(Root, Environment, TimeSpan.FromMinutes(2), Dotnet, "new", "install", Path.Combine(Feed, $"Mesos.Hosting.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>dotnet new mesos-framework</c> with <paramref name="arguments"/> in <paramref name="directory"/>, from the private
    /// hive, with the local feed in the generated solution's nuget.config.
    /// </summary>
    public Task NewAsync(string directory, params string[] arguments)
        => SucceedingCommand.RunAsync(directory, Environment, TimeSpan.FromMinutes(2), Dotnet, ["new", "mesos-framework", .. arguments, "--debug:custom-hive", Hive, "--feed", Feed]);

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^Mesos\.Hosting\.Templates\.(.+)\.nupkg$")]
    private static partial Regex VersionOf();
}
