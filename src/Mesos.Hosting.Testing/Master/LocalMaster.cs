using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Testing.Observation;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The master shared by every master endpoint of a cluster, composed of collaborators with one job
/// each around one <see cref="MasterState"/>, whose lock guards the agents' state as well.
/// </summary>
internal sealed class LocalMaster : IAsyncDisposable
{
    private readonly OfferAllocator _allocator;

    public LocalMaster(LocalMesosClusterOptions options, ClusterJournal journal, TimeProvider time)
    {
        State = new MasterState(options, journal, time);
        Operators = new OperatorSubscribers(State);
        var events = new SchedulerEvents(journal);
        _allocator = new OfferAllocator(State, events);
        Drainer = new AgentDrainer(State, _allocator);
        Removal = new FrameworkRemoval(State, Operators, Drainer);
        Subscriptions = new FrameworkSubscriptions(State, events, _allocator, Removal, Operators);
        Calls = new SchedulerCallDispatcher(State, _allocator, new AcceptHandler(State, events, _allocator, Operators), new TaskReconciler(State, events),
            new FrameworkUpdater(State, _allocator, Operators), Removal);
        AgentCalls = new AgentCalls(State, Drainer);
        Reports = new AgentReports(State, events, _allocator, Operators, Drainer);
    }

    public MasterState State { get; }

    /// <summary>SUBSCRIBE and the streams it opens.</summary>
    public FrameworkSubscriptions Subscriptions { get; }

    /// <summary>The operator API's event streams.</summary>
    public OperatorSubscribers Operators { get; }

    /// <summary>Removing a framework, on its own TEARDOWN, an operator's, or its failover timeout.</summary>
    public FrameworkRemoval Removal { get; }

    /// <summary>Every other scheduler call.</summary>
    public SchedulerCallDispatcher Calls { get; }

    /// <summary>Deactivating, draining and marking agents gone.</summary>
    public AgentDrainer Drainer { get; }

    /// <summary>The operator calls on agents.</summary>
    public AgentCalls AgentCalls { get; }

    /// <summary>Where agents report what happens on them.</summary>
    public AgentReports Reports { get; }

    /// <summary>An agent registers: its resources are offered at once.</summary>
    public void AddAgent(LocalAgent agent)
    {
        lock (State.Sync)
        {
            State.AddAgent(agent);
            Operators.AgentAdded(agent);
            _allocator.Allocate();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _allocator.DisposeAsync().ConfigureAwait(false);
        Subscriptions.CloseAll();
        Operators.CloseAll();
    }
}
