namespace Mesos.Hosting.TestSupport.Waiting;

/// <summary>Waits for a condition with a deadline, checking it often; fails naming what never came true.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public static Task Until(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        Until(() => Task.FromResult(condition()), what, deadline);

    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var limit = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > limit)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The task's result, or a failure naming <paramref name="what"/> if it does not complete in time.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what, TimeSpan? deadline = null)
    {
        try
        {
            return await task.WaitAsync(deadline ?? DefaultDeadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}.");
            throw;
        }
    }
}
