namespace Mesos.Hosting.Tests.Wire;

/// <summary>The bytes a real Mesos master and agent sent (see Fixtures/README.md).</summary>
internal static class Captures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));
}
