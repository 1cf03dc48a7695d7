using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Scheduler;

/// <summary>Calls the driver makes on its own behalf (acknowledgements, declines, reconciliation): a failure is logged, and Mesos's retries cover it.</summary>
internal static class CallSafely
{
    public static async Task BestEffortAsync(Task call, string callType, ILogger logger)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (PeerFailure.Is(ex) || ex is MesosNotSubscribedException or OperationCanceledException)
        {
            SchedulerLog.CallFailed(logger, callType, ex.Message);
        }
    }
}
