using Mesos.Hosting.Testing.Agent;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Master;
using MesosTask = Mesos.V1.Task;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The operator API's views of the master's state (GET_STATE and its parts, GET_ROLES), shaped as
/// Mesos's <c>Master::Http::_getState</c> and its siblings fill them. Called with the lock held.
/// </summary>
internal static class OperatorStateViews
{
    public static Response.Types.GetState State(MasterState state) => new()
    {
        GetTasks = Tasks(state),
        GetExecutors = Executors(state),
        GetFrameworks = Frameworks(state),
        GetAgents = Agents(state),
    };

    public static Response.Types.GetAgents Agents(MasterState state)
    {
        var agents = new Response.Types.GetAgents();
        agents.Agents.AddRange(state.Agents.Where(a => a.IsRegistered).Select(a => Agent(state, a)));
        return agents;
    }

    public static Response.Types.GetAgents.Types.Agent Agent(MasterState state, LocalAgent agent)
    {
        var view = new Response.Types.GetAgents.Types.Agent
        {
            AgentInfo = agent.Info.Clone(),
            // A stopped agent is disconnected, and Mesos deactivates a disconnected agent, as it does one an operator deactivated or drains.
            Active = agent.Updates.Connected && !state.Administration.IsDeactivated(agent.Id),
            Deactivated = state.Administration.IsDeactivated(agent.Id),
            Version = LocalMesosCluster.MesosVersion,
            Pid = $"slave(1)@{agent.Info.Hostname}:{agent.Port}",
        };
        if (state.Administration.Drain(agent.Id) is { } drain)
        {
            view.DrainInfo = drain.Clone();
        }

        view.TotalResources.AddRange(agent.Info.Resources);
        view.AllocatedResources.AddRange(state.Used(agent.Id).ToResources(allocationRole: null));
        view.OfferedResources.AddRange(agent.OutstandingOffers.SelectMany(o => o.Message.Resources));
        return view;
    }

    public static Response.Types.GetFrameworks Frameworks(MasterState state)
    {
        var frameworks = new Response.Types.GetFrameworks();
        foreach (var framework in state.Frameworks)
        {
            var view = Framework(framework);
            view.Offers.AddRange(framework.Offers.Values.Select(o => o.Message));
            view.AllocatedResources.AddRange(Allocated(state, framework));
            view.OfferedResources.AddRange(framework.Offers.Values.SelectMany(o => o.Message.Resources));
            frameworks.Frameworks.Add(view);
        }

        frameworks.CompletedFrameworks.AddRange(state.CompletedFrameworks.Select(Framework));
        return frameworks;
    }

    public static Response.Types.GetExecutors Executors(MasterState state)
    {
        var executors = new Response.Types.GetExecutors();
        executors.Executors.AddRange(state.Executors.Select(e => new Response.Types.GetExecutors.Types.Executor
        {
            ExecutorInfo = e.Info.Clone(),
            AgentId = MesosId.Of<AgentID>(e.AgentId),
        }));
        return executors;
    }

    /// <summary>
    /// Live tasks under <c>tasks</c> (a terminal one too until its update is acknowledged, as in Mesos),
    /// forgotten ones under <c>completed_tasks</c>, of current and completed frameworks alike. The local
    /// master authorizes nothing and partitions no agent, so <c>pending_tasks</c> and <c>unreachable_tasks</c> stay empty.
    /// </summary>
    public static Response.Types.GetTasks Tasks(MasterState state)
    {
        var tasks = new Response.Types.GetTasks();
        foreach (var framework in state.Frameworks.Concat(state.CompletedFrameworks))
        {
            tasks.Tasks.AddRange(framework.Tasks.Values.Select(t => Task(t, framework)));
            tasks.CompletedTasks.AddRange(framework.CompletedTasks.Select(t => Task(t, framework)));
        }

        return tasks;
    }

    /// <summary>Every role a framework is subscribed with or the master's --roles names, with the resources allocated in it.</summary>
    public static Response.Types.GetRoles Roles(MasterState state)
    {
        var names = state.Frameworks.SelectMany(f => f.Roles).Concat(state.Options.Roles ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var roles = new Response.Types.GetRoles();
        foreach (var name in names)
        {
            // Mesos's default weight; the local master has no UPDATE_WEIGHTS.
            var role = new Role { Name = name, Weight = 1.0 };
            foreach (var framework in state.Frameworks.Where(f => f.Roles.Contains(name)))
            {
                role.Frameworks.Add(MesosId.Of<FrameworkID>(framework.Id));
                role.Resources.AddRange(Allocated(state, framework).Where(r => AllocationRole(r, framework) == name));
            }

            roles.Roles.Add(role);
        }

        return roles;
    }

    /// <summary>A framework as the operator API shows it; a removed framework is never connected.</summary>
    public static Response.Types.GetFrameworks.Types.Framework Framework(FrameworkRecord framework) => new()
    {
        FrameworkInfo = WithId(framework),
        Active = framework.Connected,
        Connected = framework.Connected,
        Recovered = false,
    };

    public static FrameworkInfo WithId(FrameworkRecord framework)
    {
        var info = framework.Info.Clone();
        info.Id = MesosId.Of<FrameworkID>(framework.Id);
        return info;
    }

    public static MesosTask Task(TaskRecord record, FrameworkRecord framework)
    {
        var info = record.Info;
        var task = new MesosTask
        {
            Name = info.Name,
            TaskId = info.TaskId.Clone(),
            FrameworkId = MesosId.Of<FrameworkID>(record.FrameworkId),
            AgentId = MesosId.Of<AgentID>(record.AgentId),
            State = record.State,
            User = info.Command is { HasUser: true } command ? command.User : framework.Info.User,
        };
        if (record.ExecutorId is { } executorId)
        {
            task.ExecutorId = MesosId.Of<ExecutorID>(executorId);
        }

        task.Resources.AddRange(info.Resources);
        task.Statuses.Add(record.Statuses);

        if (info.Labels is { } labels)
        {
            task.Labels = labels;
        }

        if (info.Container is { } container)
        {
            task.Container = container;
        }

        if (info.HealthCheck is { } healthCheck)
        {
            task.HealthCheck = healthCheck;
        }

        if (info.KillPolicy is { } killPolicy)
        {
            task.KillPolicy = killPolicy;
        }

        return task;
    }

    /// <summary>What the framework's live tasks and executors hold.</summary>
    private static IEnumerable<Resource> Allocated(MasterState state, FrameworkRecord framework)
        => framework.Tasks.Values.Where(t => !t.ResourcesReleased).SelectMany(t => t.Info.Resources)
            .Concat(state.Executors.Where(e => e.Info.FrameworkId?.Value == framework.Id).SelectMany(e => e.Info.Resources));

    // A multi-role framework's resources say their role; a single-role framework's are all in its one role.
    private static string AllocationRole(Resource resource, FrameworkRecord framework) => resource.AllocationInfo?.Role ?? framework.Roles[0];
}
