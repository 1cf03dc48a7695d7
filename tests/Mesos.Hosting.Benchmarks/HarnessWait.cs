namespace Mesos.Hosting.Benchmarks;

/// <summary>Waits of the harnesses: one that gives up says what it waited for, never a bare "the operation has timed out".</summary>
internal static class HarnessWait
{
    public static async Task<T> ForAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Waited {timeout} for {what}; it did not happen.", ex);
        }
    }

    public static async Task ForAsync(Task task, TimeSpan timeout, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Waited {timeout} for {what}; it did not happen.", ex);
        }
    }
}
