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
}
