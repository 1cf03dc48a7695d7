using System.Globalization;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Executor;

/// <summary>
/// What an agent tells an executor through its environment (Mesos's <c>executorEnvironment</c>):
/// IDs, where the agent listens, the sandbox, and the timings of shutdown and recovery.
/// </summary>
public sealed record MesosExecutorEnvironment
{
    /// <summary>MESOS_FRAMEWORK_ID.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>MESOS_EXECUTOR_ID.</summary>
    public required string ExecutorId { get; init; }

    /// <summary>MESOS_SLAVE_ID, when given.</summary>
    public string? AgentId { get; init; }

    /// <summary>The agent's executor API base, from MESOS_AGENT_ENDPOINT (or MESOS_SLAVE_PID), e.g. http://10.0.0.7:5051/.</summary>
    public required Uri AgentEndpoint { get; init; }

    /// <summary>MESOS_SANDBOX (falling back to MESOS_DIRECTORY): the sandbox as the executor sees it.</summary>
    public string? Sandbox { get; init; }

    /// <summary>MESOS_CHECKPOINT: whether the framework checkpoints, so the executor outlives agent restarts.</summary>
    public required bool Checkpoint { get; init; }

    /// <summary>MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: how long a SHUTDOWN allows before the container is destroyed.</summary>
    public required TimeSpan ShutdownGracePeriod { get; init; }

    /// <summary>MESOS_RECOVERY_TIMEOUT: how long a checkpointing executor keeps trying to reach its agent.</summary>
    public TimeSpan? RecoveryTimeout { get; init; }

    /// <summary>MESOS_SUBSCRIPTION_BACKOFF_MAX: the longest wait between a checkpointing executor's attempts.</summary>
    public TimeSpan? SubscriptionBackoffMax { get; init; }

    /// <summary>MESOS_EXECUTOR_AUTHENTICATION_TOKEN: the bearer token for every call, when the agent minted one.</summary>
    public string? AuthenticationToken { get; init; }

    /// <summary>The environment without its secret: the token shows only whether there is one.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"framework {FrameworkId}, executor {ExecutorId}, agent {AgentId ?? "?"} at {AgentEndpoint}, checkpoint {Checkpoint}, shutdown grace {Diagnostics.HumanDuration.Format(ShutdownGracePeriod)}, token {(AuthenticationToken is null ? "none" : "present")}");

    /// <summary>
    /// Reads the environment; missing or malformed variables throw one <see cref="FormatException"/> that names
    /// every one of them, says what was wrong with each, and names the <c>Mesos:Executor</c> settings that stand in.
    /// </summary>
    public static MesosExecutorEnvironment Read(IReadOnlyDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var problems = new List<(string Variable, string Problem)>();
        var checkpoint = Flag(variables, "MESOS_CHECKPOINT", problems);
        var frameworkId = Required(variables, "MESOS_FRAMEWORK_ID", problems);
        var executorId = Required(variables, "MESOS_EXECUTOR_ID", problems);
        var endpoint = Endpoint(variables, problems);
        var grace = Duration(variables, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", problems);
        var recovery = checkpoint ? Duration(variables, "MESOS_RECOVERY_TIMEOUT", problems) : null;
        var backoff = checkpoint ? Duration(variables, "MESOS_SUBSCRIPTION_BACKOFF_MAX", problems) : null;
        if (problems.Count > 0)
        {
            throw new FormatException(
                $"The executor's environment is incomplete: {string.Join("; ", problems.Select(p => p.Problem))}. The Mesos agent sets these for every executor it launches; "
                + $"elsewhere, set them or {string.Join(", ", problems.Select(p => SettingOf(p.Variable)).Distinct())} (the Mesos:Executor:* overrides).");
        }

        return new MesosExecutorEnvironment
        {
            FrameworkId = frameworkId!,
            ExecutorId = executorId!,
            AgentId = Optional(variables, "MESOS_SLAVE_ID"),
            AgentEndpoint = endpoint!,
            Sandbox = Optional(variables, "MESOS_SANDBOX") ?? Optional(variables, "MESOS_DIRECTORY"),
            Checkpoint = checkpoint,
            ShutdownGracePeriod = grace!.Value,
            RecoveryTimeout = recovery,
            SubscriptionBackoffMax = backoff,
            AuthenticationToken = Optional(variables, "MESOS_EXECUTOR_AUTHENTICATION_TOKEN"),
        };
    }

    /// <summary>Reads this process's environment.</summary>
    public static MesosExecutorEnvironment FromProcess() => Read(ProcessVariables());

    /// <summary>
    /// Reads <paramref name="variables"/> with the settings of <paramref name="overrides"/> in place of
    /// their variables; errors name the variable, as <see cref="Read(IReadOnlyDictionary{string, string?})"/> does.
    /// </summary>
    public static MesosExecutorEnvironment Read(IReadOnlyDictionary<string, string?> variables, MesosExecutorOptions overrides)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, string?>(variables, StringComparer.Ordinal);
        Override(merged, "MESOS_AGENT_ENDPOINT", overrides.AgentEndpoint);
        Override(merged, "MESOS_FRAMEWORK_ID", overrides.FrameworkId);
        Override(merged, "MESOS_EXECUTOR_ID", overrides.ExecutorId);
        Override(merged, "MESOS_CHECKPOINT", overrides.Checkpoint is { } checkpoint ? (checkpoint ? "1" : "0") : null);
        Override(merged, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", overrides.ShutdownGracePeriod);
        Override(merged, "MESOS_RECOVERY_TIMEOUT", overrides.RecoveryTimeout);
        Override(merged, "MESOS_SUBSCRIPTION_BACKOFF_MAX", overrides.SubscriptionBackoffMax);
        return Read(merged);
    }

    /// <summary>Whether this process was started by a Mesos agent as an executor (MESOS_EXECUTOR_ID and MESOS_FRAMEWORK_ID are set).</summary>
    public static bool IsExecutorProcess()
        => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MESOS_EXECUTOR_ID"))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MESOS_FRAMEWORK_ID"));

    /// <summary>This process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessVariables()
    {
        // A plain loop: LINQ over DictionaryEntry, a struct, is generic code a starting executor would JIT-compile.
        var all = Environment.GetEnvironmentVariables();
        var variables = new Dictionary<string, string?>(all.Count, StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in all)
        {
            variables[(string)variable.Key] = (string?)variable.Value;
        }

        return variables;
    }

    private static void Override(Dictionary<string, string?> variables, string name, string? value)
    {
        if (value is not null)
        {
            variables[name] = value;
        }
    }

    private static void Override(Dictionary<string, string?> variables, string name, TimeSpan? value)
        => Override(variables, name, value is { } duration ? MesosDuration.Format(duration) : null);

    private static string? Optional(IReadOnlyDictionary<string, string?> variables, string name)
        => variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Required(IReadOnlyDictionary<string, string?> variables, string name, List<(string, string)> problems)
    {
        var value = Optional(variables, name);
        if (value is null)
        {
            problems.Add((name, $"{name} is not set"));
        }

        return value;
    }

    // Mesos writes "1" or "0", never true/false.
    private static bool Flag(IReadOnlyDictionary<string, string?> variables, string name, List<(string, string)> problems)
    {
        switch (Optional(variables, name))
        {
            case null or "0":
                return false;
            case "1":
                return true;
            case var other:
                problems.Add((name, $"{name} is '{other}' (Mesos sets it to 1 or 0)"));
                return false;
        }
    }

    private static TimeSpan? Duration(IReadOnlyDictionary<string, string?> variables, string name, List<(string, string)> problems)
    {
        if (Required(variables, name, problems) is not { } text)
        {
            return null;
        }

        if (MesosDuration.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add((name, $"{name} is '{text}', which is not a Mesos duration such as '5secs' or '15mins'"));
        return null;
    }

    // MESOS_AGENT_ENDPOINT is ip:port; the C++ library uses MESOS_SLAVE_PID (slave(1)@ip:port) instead.
    private static Uri? Endpoint(IReadOnlyDictionary<string, string?> variables, List<(string, string)> problems)
    {
        var name = Optional(variables, "MESOS_AGENT_ENDPOINT") is null && Optional(variables, "MESOS_SLAVE_PID") is not null ? "MESOS_SLAVE_PID" : "MESOS_AGENT_ENDPOINT";
        if (Optional(variables, name) is not { } value)
        {
            problems.Add((name, $"{name} is not set (nor MESOS_SLAVE_PID)"));
            return null;
        }

        var text = name == "MESOS_SLAVE_PID" ? (value.Split('@', 2) is [_, var address] ? address : "") : value;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0
            || !Uri.TryCreate($"http://{text}/", UriKind.Absolute, out var uri))
        {
            problems.Add((name, $"{name} is '{value}' (expected the agent's address as ip:port, or slave(1)@ip:port for MESOS_SLAVE_PID)"));
            return null;
        }

        return uri;
    }

    // The setting under Mesos:Executor that stands in for a variable.
    private static string SettingOf(string variable) => variable switch
    {
        "MESOS_FRAMEWORK_ID" => "Mesos:Executor:FrameworkId",
        "MESOS_EXECUTOR_ID" => "Mesos:Executor:ExecutorId",
        "MESOS_CHECKPOINT" => "Mesos:Executor:Checkpoint",
        "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD" => "Mesos:Executor:ShutdownGracePeriod",
        "MESOS_RECOVERY_TIMEOUT" => "Mesos:Executor:RecoveryTimeout",
        "MESOS_SUBSCRIPTION_BACKOFF_MAX" => "Mesos:Executor:SubscriptionBackoffMax",
        _ => "Mesos:Executor:AgentEndpoint",
    };
}
