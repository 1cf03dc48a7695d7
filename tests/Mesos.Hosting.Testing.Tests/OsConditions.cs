namespace Mesos.Hosting.Testing.Tests;

/// <summary>
/// Facts only the operating system knows, with no event a test could await: that a process a task forked is
/// gone, that a file a task's shell writes is there, what <c>/master/state</c> says over HTTP. They are checked
/// again until a deadline; everything the cluster itself does is awaited through its journal instead.
/// </summary>
internal static class OsConditions
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not come true within {Deadline}");
            await Task.Delay(20);
        }
    }

    /// <summary>Whether process <paramref name="pid"/> is alive: it has a /proc entry and is not a zombie waiting to be reaped.</summary>
    public static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
