using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Http;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The master's state and behaviour, shared by every master endpoint of a cluster: frameworks and
/// their subscriptions, offers, tasks, and the agents. One lock (<see cref="Sync"/>) guards it and
/// the agents' state alike, so no interleaving of calls, updates and timers can tear it.
/// </summary>
internal sealed partial class LocalMaster : IAsyncDisposable
{
    private readonly Dictionary<string, FrameworkRecord> _frameworks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedFrameworks = new(StringComparer.Ordinal);
    private readonly List<LocalAgent> _agents = [];
    private readonly HashSet<string> _removedAgents = new(StringComparer.Ordinal);
    private readonly ITimer _allocationTimer;
    private long _frameworkSequence;
    private bool _heartbeatsStopped;

    public LocalMaster(LocalMesosClusterOptions options, ClusterJournal journal, TimeProvider time)
    {
        Options = options;
        Journal = journal;
        Time = time;
        MasterId = Guid.NewGuid().ToString("D");
        _allocationTimer = time.CreateTimer(_ => AllocateUnderLock(), null, options.AllocationInterval, options.AllocationInterval);
    }

    public object Sync { get; } = new();

    public string MasterId { get; }

    public LocalMesosClusterOptions Options { get; }

    public ClusterJournal Journal { get; }

    public TimeProvider Time { get; }

    /// <summary>The MasterInfo of each master endpoint, by index.</summary>
    public List<MasterInfo> Masters { get; } = [];

    /// <summary>The index of the leading master, or -1 while none is elected.</summary>
    public int LeaderIndex { get; set; }

    /// <summary>Until when the leader answers 503 "Master has not finished recovery".</summary>
    public DateTimeOffset RecoveringUntil { get; set; }

    public IReadOnlyList<LocalAgent> Agents => _agents;

    public IEnumerable<FrameworkRecord> Frameworks => _frameworks.Values;

    public FrameworkRecord? FindFramework(string id) => _frameworks.GetValueOrDefault(id);

    public void AddAgent(LocalAgent agent)
    {
        lock (Sync)
        {
            _agents.Add(agent);
            Allocate();
        }
    }

    public bool IsKnownAgent(string agentId) => _agents.Any(a => a.Id == agentId);

    public bool WasRemovedAgent(string agentId) => _removedAgents.Contains(agentId);

    public LocalAgent? FindAgent(string agentId) => _agents.FirstOrDefault(a => a.Id == agentId);

    /// <summary>Checks 9 to 14 of Mesos's scheduler handler: the framework a call comes from, and its stream.</summary>
    public (FrameworkRecord? Framework, int Status, string Error) Caller(Call call, string? streamId, string? principal)
    {
        if (!_frameworks.TryGetValue(call.FrameworkId.Value, out var framework))
        {
            return (null, StatusCodes.Status400BadRequest, "Framework cannot be found");
        }

        if (principal is not null && framework.Info.HasPrincipal && framework.Info.Principal != principal)
        {
            return (null, StatusCodes.Status400BadRequest, $"Authenticated principal '{principal}' does not match principal '{framework.Info.Principal}' set in `FrameworkInfo`");
        }

        if (!framework.Connected)
        {
            return (null, StatusCodes.Status403Forbidden, "Framework is not subscribed");
        }

        if (string.IsNullOrEmpty(streamId))
        {
            return (null, StatusCodes.Status400BadRequest, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }

        if (streamId != framework.StreamId)
        {
            return (null, StatusCodes.Status400BadRequest,
                $"The stream ID '{streamId}' included in this request didn't match the stream ID currently associated with framework ID {framework.Id}");
        }

        return (framework, StatusCodes.Status202Accepted, string.Empty);
    }

    /// <summary>SUBSCRIBE: answers 200 at once, then SUBSCRIBED and HEARTBEAT, or one ERROR and the end.</summary>
    public async Task SubscribeAsync(HttpContext context, Call call, MesosCodec codec)
    {
        var stream = new EventStream(context, codec);
        var streamId = Guid.NewGuid().ToString("D");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = codec.ContentType;

        // Mesos sends the stream ID with the 200 before it validates the framework, so even a refusal carries one.
        context.Response.Headers[MesosHttp.StreamIdHeader] = streamId;

        FrameworkRecord? framework;
        lock (Sync)
        {
            framework = Subscribe(call.Subscribe, stream, streamId, out var error);
            if (framework is null)
            {
                stream.Send(new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = error } });
                stream.Close();
            }
        }

        await stream.RunAsync().ConfigureAwait(false);

        if (framework is not null)
        {
            lock (Sync)
            {
                if (framework.Stream == stream)
                {
                    Disconnect(framework);
                }
            }
        }
    }

    public void Send(FrameworkRecord framework, Event evt)
    {
        if (framework.Stream is { } stream && stream.Send(evt))
        {
            Journal.Record(new ObservedSchedulerEvent(framework.Id, evt, Journal.Now));
        }
    }

    /// <summary>Fault: drop every framework's subscription connection, as a leader change does.</summary>
    public void AbortAllStreams()
    {
        lock (Sync)
        {
            foreach (var framework in _frameworks.Values)
            {
                framework.Stream?.Abort();
            }
        }
    }

    /// <summary>Fault: drop one framework's subscription connection.</summary>
    public bool AbortStream(string frameworkId)
    {
        lock (Sync)
        {
            if (_frameworks.TryGetValue(frameworkId, out var framework) && framework.Stream is { IsClosed: false } stream)
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
        lock (Sync)
        {
            _heartbeatsStopped = stopped;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _allocationTimer.DisposeAsync().ConfigureAwait(false);
        lock (Sync)
        {
            foreach (var framework in _frameworks.Values)
            {
                framework.Heartbeat?.Dispose();
                framework.FailoverTimer?.Dispose();
                framework.Stream?.Close();
            }
        }
    }

    private FrameworkRecord? Subscribe(Call.Types.Subscribe subscribe, EventStream stream, string streamId, out string error)
    {
        var info = subscribe.FrameworkInfo;
        error = FrameworkInfoValidator.Validate(info, Options.Roles) ?? string.Empty;
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

        FrameworkRecord framework;
        if (info.Id is { } id)
        {
            if (_removedFrameworks.Contains(id.Value))
            {
                error = "Framework has been removed";
                return null;
            }

            if (_frameworks.TryGetValue(id.Value, out var known))
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
                _frameworks[framework.Id] = framework;
            }
        }
        else
        {
            var assigned = MesosId.Of<FrameworkID>(MasterIds.Framework(MasterId, _frameworkSequence++));
            framework = new FrameworkRecord(assigned.Value, info.Clone());
            framework.Info.Id = assigned;
            _frameworks[framework.Id] = framework;
        }

        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(subscribe.SuppressedRoles);
        framework.Stream = stream;
        framework.StreamId = streamId;
        framework.FailoverTimer?.Dispose();
        framework.FailoverTimer = null;

        Send(framework, new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed
            {
                FrameworkId = framework.Info.Id,
                HeartbeatIntervalSeconds = Options.HeartbeatInterval.TotalSeconds,
                MasterInfo = Masters[LeaderIndex],
            },
        });
        SendHeartbeat(framework, stream);
        framework.Heartbeat?.Dispose();
        framework.Heartbeat = Time.CreateTimer(_ => HeartbeatUnderLock(framework, stream), null, Options.HeartbeatInterval, Options.HeartbeatInterval);

        foreach (var agent in _agents)
        {
            agent.FrameworkResubscribed(framework.Info);
        }

        Allocate();
        return framework;
    }

    // A second SUBSCRIBE for a known framework: the old stream, if still open, learns it lost.
    private void FailOver(FrameworkRecord framework, FrameworkInfo info)
    {
        if (framework.Stream is { IsClosed: false } old)
        {
            Send(framework, new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework failed over" } });
            old.Close();
        }

        framework.Heartbeat?.Dispose();

        // Offers made before are void; no RESCIND is sent for them.
        foreach (var offer in framework.Offers.Values.ToList())
        {
            RemoveOffer(offer);
        }

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

    private void HeartbeatUnderLock(FrameworkRecord framework, EventStream stream)
    {
        lock (Sync)
        {
            if (!_heartbeatsStopped && framework.Stream == stream)
            {
                SendHeartbeat(framework, stream);
            }
        }
    }

    private void SendHeartbeat(FrameworkRecord framework, EventStream stream)
    {
        if (framework.Stream == stream)
        {
            Send(framework, new Event { Type = Event.Types.Type.Heartbeat });
        }
    }

    // The stream ended: offers go back, and the failover timeout starts.
    private void Disconnect(FrameworkRecord framework)
    {
        framework.Stream = null;
        framework.StreamId = null;
        framework.Heartbeat?.Dispose();
        framework.Heartbeat = null;
        foreach (var offer in framework.Offers.Values.ToList())
        {
            RemoveOffer(offer);
        }

        var timeout = TimeSpan.FromSeconds(framework.Info.FailoverTimeout);
        if (timeout <= TimeSpan.Zero)
        {
            RemoveFramework(framework);
        }
        else
        {
            framework.FailoverTimer = Time.CreateTimer(_ => FailoverTimeoutUnderLock(framework), null, timeout, Timeout.InfiniteTimeSpan);
        }

        Allocate();
    }

    private void FailoverTimeoutUnderLock(FrameworkRecord framework)
    {
        lock (Sync)
        {
            if (!framework.Connected && _frameworks.ContainsKey(framework.Id))
            {
                RemoveFramework(framework);
            }
        }
    }

    /// <summary>TEARDOWN or an expired failover timeout: every executor and task goes, and the ID is remembered.</summary>
    private void RemoveFramework(FrameworkRecord framework)
    {
        _frameworks.Remove(framework.Id);
        _removedFrameworks.Add(framework.Id);
        framework.Heartbeat?.Dispose();
        framework.FailoverTimer?.Dispose();
        foreach (var offer in framework.Offers.Values.ToList())
        {
            RemoveOffer(offer);
        }

        foreach (var task in framework.Tasks.Values)
        {
            ReleaseTaskResources(task);
        }

        framework.Tasks.Clear();
        foreach (var agent in _agents)
        {
            agent.ShutdownFramework(framework.Id);
        }

        framework.Stream?.Close();
        framework.Stream = null;
        Allocate();
    }
}
