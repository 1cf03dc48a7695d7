using System.Globalization;
using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>The environment an agent gives an executor (src/slave/slave.cpp executorEnvironment), or a command task it runs itself.</summary>
internal static class ExecutorEnvironment
{
    public static Dictionary<string, string> For(LocalAgent agent, ExecutorRun run, FrameworkInfo framework, string? token)
    {
        var options = agent.Options;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LIBPROCESS_IP"] = options.Hostname,
            ["LIBPROCESS_PORT"] = "0",
            ["MESOS_AGENT_ENDPOINT"] = string.Create(CultureInfo.InvariantCulture, $"{options.Hostname}:{agent.Port}"),
            ["MESOS_SLAVE_PID"] = string.Create(CultureInfo.InvariantCulture, $"slave(1)@{options.Hostname}:{agent.Port}"),
            ["MESOS_SLAVE_ID"] = agent.Id,
            ["MESOS_FRAMEWORK_ID"] = run.FrameworkId,
            ["MESOS_EXECUTOR_ID"] = run.ExecutorId,
            ["MESOS_DIRECTORY"] = run.Sandbox,
            ["MESOS_SANDBOX"] = run.Sandbox,
            ["MESOS_CHECKPOINT"] = framework.Checkpoint ? "1" : "0",
            ["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"] = MesosDuration.Format(run.ShutdownGracePeriod(options.ExecutorShutdownGracePeriod)),
            ["MESOS_HTTP_COMMAND_EXECUTOR"] = "0",
        };
        if (framework.Checkpoint)
        {
            environment["MESOS_RECOVERY_TIMEOUT"] = MesosDuration.Format(options.RecoveryTimeout);
            environment["MESOS_SUBSCRIPTION_BACKOFF_MAX"] = MesosDuration.Format(options.ExecutorReregistrationTimeout);
        }

        if (token is not null)
        {
            environment["MESOS_EXECUTOR_AUTHENTICATION_TOKEN"] = token;
        }

        AddCommandEnvironment(environment, run.Info.Command);
        return environment;
    }

    /// <summary>The environment of a command task the agent runs itself.</summary>
    public static Dictionary<string, string> ForCommandTask(LocalAgent agent, ExecutorRun run, TaskInfo task)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MESOS_SANDBOX"] = run.Sandbox,
            ["MESOS_DIRECTORY"] = run.Sandbox,
            ["MESOS_TASK_ID"] = task.TaskId.Value,
            ["MESOS_FRAMEWORK_ID"] = run.FrameworkId,
            ["MESOS_EXECUTOR_ID"] = run.ExecutorId,
            ["MESOS_AGENT_ENDPOINT"] = $"{agent.Options.Hostname}:{agent.Port}",
        };
        AddCommandEnvironment(environment, task.Command);
        return environment;
    }

    /// <summary>The argv a CommandInfo runs: <c>/bin/sh -c value</c>, or value and its arguments.</summary>
    public static List<string> Argv(CommandInfo command)
        => command.Shell ? ["/bin/sh", "-c", command.Value] : [command.Value, .. command.Arguments.Skip(1)];

    /// <summary>A command's own variables; secrets are not resolved here, so they are refused upstream.</summary>
    private static void AddCommandEnvironment(Dictionary<string, string> environment, CommandInfo? command)
    {
        foreach (var variable in command?.Environment?.Variables ?? [])
        {
            if (variable.Type != V1.Environment.Types.Variable.Types.Type.Secret)
            {
                environment[variable.Name] = variable.Value;
            }
        }
    }
}
