using Mesos.Hosting.Testing.Processes;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>A command task's process, run by the agent in the executor's sandbox.</summary>
internal sealed class CommandRunner(TaskInfo task, ChildProcess process)
{
    public TaskInfo Task { get; } = task;

    public ChildProcess Process { get; } = process;

    public bool KillRequested { get; set; }

    public static CommandRunner Start(TaskInfo task, ExecutorRun run, LocalAgent agent)
    {
        var command = task.Command;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MESOS_SANDBOX"] = run.Sandbox,
            ["MESOS_DIRECTORY"] = run.Sandbox,
            ["MESOS_TASK_ID"] = task.TaskId.Value,
            ["MESOS_FRAMEWORK_ID"] = run.FrameworkId,
            ["MESOS_EXECUTOR_ID"] = run.ExecutorId,
            ["MESOS_AGENT_ENDPOINT"] = $"{agent.Options.Hostname}:{agent.Port}",
        };
        ExecutorEnvironment.AddCommandEnvironment(environment, command);
        var sandbox = run.Kind == ExecutorKind.Default ? Directory.CreateDirectory(Path.Combine(run.Sandbox, "tasks", task.TaskId.Value)).FullName : run.Sandbox;
        return new CommandRunner(task, ChildProcess.Start(ExecutorEnvironment.Argv(command), sandbox, environment));
    }
}
