using System.Globalization;

namespace Mesos.Hosting.Testing.Master;

/// <summary>The ID texts a Mesos master assigns: its own ID (a UUID), then a suffix per kind.</summary>
internal static class MasterIds
{
    /// <summary>A framework ID: <c>&lt;master ID&gt;-NNNN</c>.</summary>
    public static string Framework(string masterId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{masterId}-{sequence:D4}");

    /// <summary>An agent ID: <c>&lt;master ID&gt;-S&lt;n&gt;</c>.</summary>
    public static string Agent(string masterId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{masterId}-S{sequence}");

    /// <summary>An offer ID: <c>&lt;master ID&gt;-O&lt;n&gt;</c>.</summary>
    public static string Offer(string masterId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{masterId}-O{sequence}");
}
