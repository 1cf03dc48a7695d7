using Mesos.Hosting.Connection;
using Mesos.Hosting.Diagnostics;
using Mesos.Hosting.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.HighAvailability;

/// <summary>
/// Deleting an election node for good: a node left behind keeps its instance's place in the election (at its head, for
/// a leader) for as long as the session lives, so a delete that fails, for whatever reason, is tried again meanwhile.
/// </summary>
internal static class ElectionNodeRemoval
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Deletes the node unless it is gone already, trying again while the session may still hold it. The first attempt
    /// is made even once <paramref name="abandoning"/> is cancelled (the client's request timeout bounds it); that only
    /// stops the retries.
    /// </summary>
    public static async Task DeleteAsync(ZooKeeperGroup group, ZooKeeperMembership membership, TimeProvider time, ILogger logger, LeadershipMetrics metrics, CancellationToken abandoning)
    {
        var delay = FirstDelay;
        var cancellation = CancellationToken.None;
        while (membership.IsActive)
        {
            try
            {
                await group.LeaveAsync(membership, cancellation).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or ObjectDisposedException or ZooKeeperException { Code: ZooKeeperErrorCode.SessionExpired })
                && membership.IsActive && !abandoning.IsCancellationRequested)
            {
                LeadershipLog.LeaveFailed(logger, membership.Path, ex.Message, HumanDuration.Format(delay));
                metrics.FailedToLeave();
            }
            catch (Exception)
            {
                // The session ended, its nodes with it, or the retries were given up.
                return;
            }

            cancellation = abandoning;
            try
            {
                await Task.Delay(delay, time, abandoning).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = Doubling.Next(delay, MaxDelay);
        }
    }
}
