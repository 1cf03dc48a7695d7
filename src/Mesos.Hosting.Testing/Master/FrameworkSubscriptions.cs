using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// Frameworks' subscriptions: SUBSCRIBE (new, failed over, or rebuilt after the master lost its
/// state), the stream's heartbeats, its end, and the failover timeout that removes a framework.
/// </summary>
internal sealed class FrameworkSubscriptions(MasterState state, SchedulerEvents events, OfferAllocator allocator, FrameworkRemoval removal, OperatorSubscribers operators)
{
    private bool _heartbeatsStopped;

    /// <summary>Answers a SUBSCRIBE on <paramref name="stream"/> with SUBSCRIBED and HEARTBEAT, or one ERROR and the end; returns when the stream ends.</summary>
    public async Task SubscribeAsync(Call.Types.Subscribe subscribe, IEventStream stream, string streamId)
    {
        FrameworkRecord? framework;
        lock (state.Sync)
        {
            framework = Subscribe(subscribe, stream, streamId, out var error);
            if (framework is null)
            {
                stream.Send(new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = error } });
                stream.Close();
            }
        }

        await stream.RunAsync().ConfigureAwait(false);

        if (framework is not null)
        {
            lock (state.Sync)
            {
                if (framework.Stream == stream)
                {
                    Disconnect(framework);
                }
            }
        }
    }

    /// <summary>Fault: drop every framework's subscription connection, as a leader change does.</summary>
    public void AbortAllStreams()
    {
        lock (state.Sync)
        {
            foreach (var framework in state.Frameworks)
            {
                framework.Stream?.Abort();
            }
        }
    }

    /// <summary>Fault: drop one framework's subscription connection.</summary>
    public bool AbortStream(string frameworkId)
    {
        lock (state.Sync)
        {
            if (state.FindFramework(frameworkId) is { } framework && framework.Stream is { IsClosed: false } stream)
            {
                stream.Abort();
                return true;
            }

            return false;
        }
    }

    /// <summary>Fault: stop or resume heartbeats on every subscription.</summary>
    public void SetHeartbeatsStopped(bool stopped)
    {
        lock (state.Sync)
        {
            _heartbeatsStopped = stopped;
        }
    }

    /// <summary>Ends every subscription and its timers (the cluster is going away).</summary>
    public void CloseAll()
    {
        lock (state.Sync)
        {
            foreach (var framework in state.Frameworks)
            {
                framework.Heartbeat?.Dispose();
                framework.FailoverTimer?.Dispose();
                framework.Stream?.Close();
            }
        }
    }

    private FrameworkRecord? Subscribe(Call.Types.Subscribe subscribe, IEventStream stream, string streamId, out string error)
    {
        var info = subscribe.FrameworkInfo;
        error = FrameworkInfoValidator.Validate(info, state.Options.Roles) ?? string.Empty;
        if (error.Length > 0)
        {
            return null;
        }

        var roles = FrameworkCapabilities.Roles(info);
        error = FrameworkInfoValidator.ValidateSuppressedRoles(subscribe.SuppressedRoles, roles) ?? string.Empty;
        if (error.Length > 0)
        {
            return null;
        }

        var isNew = info.Id is null || state.FindFramework(info.Id.Value) is null;
        FrameworkRecord framework;
        if (info.Id is { } id)
        {
            if (state.WasRemovedFramework(id.Value))
            {
                error = "Framework has been removed";
                return null;
            }

            if (state.FindFramework(id.Value) is { } known)
            {
                if (known.Info.HasPrincipal != info.HasPrincipal || known.Info.Principal != info.Principal)
                {
                    error = "Changing framework's principal is not allowed.";
                    return null;
                }

                framework = known;
                FailOver(framework, info);
            }
            else
            {
                // A master that lost its state rebuilds the framework from what the scheduler says.
                framework = new FrameworkRecord(id.Value, info.Clone());
                state.AddFramework(framework);
            }
        }
        else
        {
            var assigned = MesosId.Of<FrameworkID>(state.NextFrameworkId());
            framework = new FrameworkRecord(assigned.Value, info.Clone());
            framework.Info.Id = assigned;
            state.AddFramework(framework);
        }

        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(subscribe.SuppressedRoles);
        framework.Stream = stream;
        framework.StreamId = streamId;
        state.Journal.Record(new ObservedSubscription(framework.Id, Connected: true, state.Journal.Now));
        framework.FailoverTimer?.Dispose();
        framework.FailoverTimer = null;
        operators.FrameworkChanged(framework, isNew);

        events.Send(framework, new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed
            {
                FrameworkId = framework.Info.Id,
                HeartbeatIntervalSeconds = state.Options.HeartbeatInterval.TotalSeconds,
                MasterInfo = state.Masters[state.LeaderIndex],
            },
        });
        SendHeartbeat(framework, stream);
        framework.Heartbeat?.Dispose();
        framework.Heartbeat = state.Time.CreateTimer(_ => HeartbeatUnderLock(framework, stream), null, state.Options.HeartbeatInterval, state.Options.HeartbeatInterval);

        foreach (var agent in state.Agents)
        {
            agent.FrameworkResubscribed(framework.Info);
        }

        allocator.Allocate();
        return framework;
    }

    // A second SUBSCRIBE for a known framework: the old stream, if still open, learns it lost.
    private void FailOver(FrameworkRecord framework, FrameworkInfo info)
    {
        if (framework.Stream is { IsClosed: false } old)
        {
            events.Send(framework, new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework failed over" } });
            old.Close();
        }

        framework.Heartbeat?.Dispose();

        // Offers made before are void; no RESCIND is sent for them.
        OfferAllocator.VoidOffers(framework);

        // user and checkpoint cannot change on resubscription: Mesos keeps the old values silently.
        var updated = info.Clone();
        updated.User = framework.Info.User;
        updated.Checkpoint = framework.Info.Checkpoint;
        if (!framework.Info.HasCheckpoint)
        {
            updated.ClearCheckpoint();
        }

        framework.Info = updated;
    }

    private void HeartbeatUnderLock(FrameworkRecord framework, IEventStream stream)
    {
        lock (state.Sync)
        {
            if (!_heartbeatsStopped && framework.Stream == stream)
            {
                SendHeartbeat(framework, stream);
            }
        }
    }

    private void SendHeartbeat(FrameworkRecord framework, IEventStream stream)
    {
        if (framework.Stream == stream)
        {
            events.Send(framework, new Event { Type = Event.Types.Type.Heartbeat });
        }
    }

    // The stream ended: offers go back, and the failover timeout starts.
    private void Disconnect(FrameworkRecord framework)
    {
        state.Journal.Record(new ObservedSubscription(framework.Id, Connected: false, state.Journal.Now));
        framework.Stream = null;
        framework.StreamId = null;
        framework.Heartbeat?.Dispose();
        framework.Heartbeat = null;
        OfferAllocator.VoidOffers(framework);

        var timeout = TimeSpan.FromSeconds(framework.Info.FailoverTimeout);
        if (timeout <= TimeSpan.Zero)
        {
            removal.Remove(framework);
        }
        else
        {
            framework.FailoverTimer = state.Time.CreateTimer(_ => FailoverTimeoutUnderLock(framework), null, TimerRange.Clamp(timeout), Timeout.InfiniteTimeSpan);
        }

        allocator.Allocate();
    }

    private void FailoverTimeoutUnderLock(FrameworkRecord framework)
    {
        lock (state.Sync)
        {
            if (!framework.Connected && state.FindFramework(framework.Id) is not null)
            {
                removal.Remove(framework);
            }
        }
    }
}
