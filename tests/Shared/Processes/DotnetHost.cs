namespace Mesos.Hosting.TestSupport.Processes;

/// <summary>The <c>dotnet</c> executable that runs a built program's dll, for a process this one starts.</summary>
internal static class DotnetHost
{
    /// <summary>
    /// The host running this process when it is dotnet itself (a test host, <c>dotnet x.dll</c>); otherwise this process
    /// was started through its apphost (<c>dotnet run</c> does that), whose path must not be taken for dotnet's, and
    /// dotnet is found on the PATH.
    /// </summary>
    public static string Path { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
        ?? (System.IO.Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet");
}
