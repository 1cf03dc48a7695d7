namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>The working tree a test or harness was built from, found from its output folder.</summary>
internal static class Repository
{
    /// <summary>The folder holding Mesos.Hosting.sln, above this program's base directory.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mesos.Hosting.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Mesos.Hosting.sln above {AppContext.BaseDirectory}.");
    }
}
