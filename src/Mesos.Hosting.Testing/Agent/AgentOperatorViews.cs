using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Agent;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// What one agent's operator API shows (GET_STATE and its parts, GET_FLAGS): the tasks, executors and frameworks on
/// this agent, taken from the master's state, which the local cluster shares with its agents. Called with the lock held.
/// </summary>
internal static class AgentOperatorViews
{
    public static Response.Types.GetState State(MasterState state, LocalAgent agent)
    {
        var frameworks = state.Frameworks.Concat(state.CompletedFrameworks).ToList();
        var tasks = new Response.Types.GetTasks();
        foreach (var framework in frameworks)
        {
            foreach (var task in framework.Tasks.Values.Where(t => t.AgentId == agent.Id))
            {
                // Terminal but not yet acknowledged: the agent still holds its update.
                (MesosTaskStates.IsTerminal(task.State) ? tasks.TerminatedTasks : tasks.LaunchedTasks).Add(OperatorStateViews.Task(task, framework));
            }

            tasks.CompletedTasks.AddRange(framework.CompletedTasks.Where(t => t.AgentId == agent.Id).Select(t => OperatorStateViews.Task(t, framework)));
        }

        var executors = new Response.Types.GetExecutors();
        executors.Executors.AddRange(state.Executors.Where(e => e.AgentId == agent.Id).Select(e => new Response.Types.GetExecutors.Types.Executor { ExecutorInfo = e.Info.Clone() }));

        var here = new HashSet<string>(
            tasks.LaunchedTasks.Concat(tasks.TerminatedTasks).Select(t => t.FrameworkId.Value)
                .Concat(executors.Executors.Select(e => e.ExecutorInfo.FrameworkId?.Value ?? string.Empty)),
            StringComparer.Ordinal);
        var agentFrameworks = new Response.Types.GetFrameworks();
        agentFrameworks.Frameworks.AddRange(state.Frameworks.Where(f => here.Contains(f.Id)).Select(Framework));
        agentFrameworks.CompletedFrameworks.AddRange(state.CompletedFrameworks.Where(f => f.CompletedTasks.Any(t => t.AgentId == agent.Id)).Select(Framework));

        return new Response.Types.GetState { GetTasks = tasks, GetExecutors = executors, GetFrameworks = agentFrameworks };
    }

    /// <summary>The agent flags the local agent has a value for, named as Mesos's agent names them.</summary>
    public static Response.Types.GetFlags Flags(LocalAgent agent)
    {
        var flags = new Response.Types.GetFlags();
        flags.Flags.Add(new Flag { Name = "hostname", Value = agent.Info.Hostname });
        flags.Flags.Add(new Flag { Name = "port", Value = agent.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        flags.Flags.Add(new Flag { Name = "work_dir", Value = agent.WorkDirectory });
        flags.Flags.Add(new Flag { Name = "resources", Value = Mesos.Hosting.Resources.ResourceSet.From(agent.Info.Resources).ToString() });
        return flags;
    }

    private static Response.Types.GetFrameworks.Types.Framework Framework(FrameworkRecord framework) => new() { FrameworkInfo = OperatorStateViews.WithId(framework) };
}
