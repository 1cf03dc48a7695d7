using Mesos.Hosting.Diagnostics;
using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>Which framework the driver subscribes as: the stored ID, read at every run, and what a change of it means.</summary>
internal sealed partial class SchedulerLoop
{
    // Every run (a leadership term, in high availability) starts from the stored ID rather than the one in memory: while
    // this instance stood by, the one leading may have seen the framework removed and registered another, whose ID the
    // store now holds. Resubscribing with the old one would be refused, and clearing it then would delete the other
    // instance's ID. An empty store changes nothing: the ID held is tried, and Mesos says whether it is gone.
    private async ValueTask LoadFrameworkIdAsync(CancellationToken stopping)
    {
        FrameworkID? stored = null;
        await UseStoreAsync(async () => stored = await _store.LoadAsync(stopping).ConfigureAwait(false), "read from", stopping).ConfigureAwait(false);
        if (stored is null || stored.Equals(_status.FrameworkId))
        {
            return;
        }

        if (_status.FrameworkId is { } held)
        {
            SchedulerLog.FrameworkReplaced(_logger, stored.Value, held.Value);
            ForgetFramework();
        }

        _status.FrameworkId = stored;
    }

    // A stored ID the master will never take again (torn down, failover timeout passed): the framework starts afresh, and
    // the scheduler hears of its new ID as a registration. This stays inside the retry cycle, so that a master which
    // removes every framework it registers is asked ever more slowly; a store that cannot be cleared keeps the ID, so the
    // next attempt is refused and clears it again.
    private async Task ForgetRemovedAsync(FrameworkID removed, CancellationToken stopping)
    {
        await UseStoreAsync(() => _store.ClearAsync(stopping), "cleared from", stopping).ConfigureAwait(false);
        SchedulerLog.FrameworkRemoved(_logger, removed.Value);
        _status.FrameworkId = null;
        ForgetFramework();
    }

    // A store that fails in a way a later attempt may not (ZooKeeper unreachable as leadership begins) is a failed attempt
    // of its retry cycle; one that fails because the run is ending (leadership lost) only ends the run. Any other failure
    // (no access, a bug in a custom store) would recur on every attempt: it stops the driver, naming the store's error.
    private static async ValueTask UseStoreAsync(Func<ValueTask> call, string doing, CancellationToken stopping)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (stopping.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The run ended while the framework ID was {doing} its store", ex, stopping);
        }
        catch (Exception ex) when (IsPassing(ex))
        {
            throw new MesosUnavailableException($"The framework ID could not be {doing} its store: {ex.Message}", ex);
        }
        catch (Exception ex)
        {
            throw new MesosCallException($"The framework ID could not be {doing} its store: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    // A lost or slow connection, a disk or network error: what a store's next attempt may not meet.
    private static bool IsPassing(Exception ex) => ex switch
    {
        ZooKeeperException zooKeeper => zooKeeper.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.OperationTimeout
            or ZooKeeperErrorCode.RequestTimeout or ZooKeeperErrorCode.SessionExpired or ZooKeeperErrorCode.SessionMoved,
        IOException or TimeoutException or HttpRequestException or OperationCanceledException => true,
        _ => false,
    };

    // The scheduler hears of the framework it drives next as a registration, with its ID, and the updates the old one
    // left unacknowledged can never be acknowledged now. Its tasks stay tracked: reconciled under the next framework,
    // they are answered as unknown, which tells the scheduler they are gone.
    private void ForgetFramework()
    {
        _registered = false;
        _driver.Unacknowledged.Clear();
    }
}
