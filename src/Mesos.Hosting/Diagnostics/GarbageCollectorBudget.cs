namespace Mesos.Hosting.Diagnostics;

/// <summary>
/// Whether .NET's garbage collector could size its youngest generation (gen0) from the CPU's caches. It sizes gen0
/// from the caches the OS reports; on a Linux machine that reports none (VMs that leave out
/// <c>/sys/devices/system/cpu/cpu0/cache</c>), gen0 falls to a few MB, and a scheduler reading a busy event stream
/// spends up to a third of its time in collections. Only the environment can set the budget instead
/// (<c>runtimeconfig.json</c> does not reach it), so the driver can say so but not fix it.
/// </summary>
internal static class GarbageCollectorBudget
{
    /// <summary>Where Linux lists the CPU's caches, which .NET reads to size gen0.</summary>
    public const string CacheDirectory = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>The setting that gives gen0 its budget whatever the caches.</summary>
    public const string Setting = "DOTNET_GCgen0size";

    // The runtime still reads its settings under the old prefix too.
    private const string LegacySetting = "COMPlus_GCgen0size";

    /// <summary>Whether this process runs with gen0 sized from nothing: on Linux, no caches listed and no budget set.</summary>
    public static bool IsStarved() => IsStarved(OperatingSystem.IsLinux(), Directory.Exists(CacheDirectory), Environment.GetEnvironmentVariable);

    internal static bool IsStarved(bool linux, bool cachesListed, Func<string, string?> environment)
        => linux && !cachesListed && string.IsNullOrEmpty(environment(Setting)) && string.IsNullOrEmpty(environment(LegacySetting));
}
