using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Master;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The operator API's event streams (SUBSCRIBE on <c>/api/v1</c>), as Mesos's <c>Master::subscribe</c> serves
/// them: SUBSCRIBED with the whole state, a HEARTBEAT at once and every heartbeat interval, then each change
/// to tasks, frameworks and agents. Every member but <see cref="SubscribeAsync"/>, <see cref="CloseAll"/> and <see cref="AbortAll"/> expects the lock held.
/// </summary>
internal sealed class OperatorSubscribers(MasterState state)
{
    private readonly List<IEventStream> _streams = [];

    /// <summary>Serves one subscriber until its stream ends.</summary>
    public async Task SubscribeAsync(IEventStream stream)
    {
        ITimer heartbeat;
        lock (state.Sync)
        {
            _streams.Add(stream);
            stream.Send(new Event
            {
                Type = Event.Types.Type.Subscribed,
                Subscribed = new Event.Types.Subscribed
                {
                    GetState = OperatorStateViews.State(state),
                    HeartbeatIntervalSeconds = state.Options.HeartbeatInterval.TotalSeconds,
                },
            });
            stream.Send(new Event { Type = Event.Types.Type.Heartbeat });
            heartbeat = state.Time.CreateTimer(_ => HeartbeatUnderLock(stream), null, state.Options.HeartbeatInterval, state.Options.HeartbeatInterval);
        }

        try
        {
            await stream.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            lock (state.Sync)
            {
                _streams.Remove(stream);
            }
        }
    }

    /// <summary>Ends every stream, as the master's shutdown does.</summary>
    public void CloseAll()
    {
        lock (state.Sync)
        {
            foreach (var stream in _streams)
            {
                stream.Close();
            }
        }
    }

    /// <summary>Drops every stream's connection, as a lost network would; the subscribers must subscribe again.</summary>
    public int AbortAll()
    {
        lock (state.Sync)
        {
            foreach (var stream in _streams)
            {
                stream.Abort();
            }

            return _streams.Count;
        }
    }

    public void TaskAdded(TaskRecord task, FrameworkRecord framework)
        => Publish(() => new Event { Type = Event.Types.Type.TaskAdded, TaskAdded = new Event.Types.TaskAdded { Task = OperatorStateViews.Task(task, framework) } });

    public void TaskUpdated(TaskRecord task, TaskStatus status) => Publish(() => new Event
    {
        Type = Event.Types.Type.TaskUpdated,
        TaskUpdated = new Event.Types.TaskUpdated { FrameworkId = MesosId.Of<FrameworkID>(task.FrameworkId), Status = status, State = task.State },
    });

    /// <summary>FRAMEWORK_ADDED for a framework new to the master, FRAMEWORK_UPDATED when one comes back or changes its info.</summary>
    public void FrameworkChanged(FrameworkRecord framework, bool isNew)
    {
        Publish(() =>
        {
            var view = OperatorStateViews.Framework(framework);
            return isNew
                ? new Event { Type = Event.Types.Type.FrameworkAdded, FrameworkAdded = new Event.Types.FrameworkAdded { Framework = view } }
                : new Event { Type = Event.Types.Type.FrameworkUpdated, FrameworkUpdated = new Event.Types.FrameworkUpdated { Framework = view } };
        });
    }

    public void FrameworkRemoved(FrameworkRecord framework)
        => Publish(() => new Event { Type = Event.Types.Type.FrameworkRemoved, FrameworkRemoved = new Event.Types.FrameworkRemoved { FrameworkInfo = OperatorStateViews.WithId(framework) } });

    public void AgentAdded(Agent.LocalAgent agent)
        => Publish(() => new Event { Type = Event.Types.Type.AgentAdded, AgentAdded = new Event.Types.AgentAdded { Agent = OperatorStateViews.Agent(state, agent) } });

    public void AgentRemoved(string agentId)
        => Publish(() => new Event { Type = Event.Types.Type.AgentRemoved, AgentRemoved = new Event.Types.AgentRemoved { AgentId = MesosId.Of<AgentID>(agentId) } });

    // The event is built only when someone listens: a task's view costs a copy of its TaskInfo, on every launch.
    private void Publish(Func<Event> build)
    {
        if (_streams.Count == 0)
        {
            return;
        }

        var evt = build();
        foreach (var stream in _streams)
        {
            stream.Send(evt);
        }
    }

    private void HeartbeatUnderLock(IEventStream stream)
    {
        lock (state.Sync)
        {
            stream.Send(new Event { Type = Event.Types.Type.Heartbeat });
        }
    }
}
