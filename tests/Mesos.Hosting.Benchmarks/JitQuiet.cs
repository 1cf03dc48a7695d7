using System.Runtime;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// Waits for the JIT's background tier-up to settle. Starting a host JIT-compiles thousands of methods (dependency
/// injection, configuration, reflection), and the runtime recompiles the busy ones at a higher tier a while later, on
/// a thread of its own: on a two-core machine that thread would take a core away from whatever is measured next.
/// </summary>
internal static class JitQuiet
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns once no method was compiled for a whole poll, or after <paramref name="limit"/> if the JIT never settles.</summary>
    public static async Task WaitAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var compiled = JitInfo.GetCompiledMethodCount();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(Poll);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }
}
