using Mesos.Hosting.Executor;
using Mesos.Hosting.Tests.Wire;

namespace Mesos.Hosting.Tests.Executor;

public sealed class MesosExecutorEnvironmentTests
{
    [Fact]
    public void The_environment_a_real_agent_gave_its_executor_reads_as_mesos_meant_it()
    {
        var environment = MesosExecutorEnvironment.Read(Captured());

        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-0006", environment.FrameworkId);
        Assert.Equal("capture-executor", environment.ExecutorId);
        Assert.Equal("6da1fbe3-641e-49be-a75a-86e26dd2a291-S0", environment.AgentId);
        Assert.Equal(new Uri("http://127.0.0.1:5051/"), environment.AgentEndpoint);
        Assert.True(environment.Checkpoint);
        Assert.Equal(TimeSpan.FromSeconds(5), environment.ShutdownGracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(15), environment.RecoveryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), environment.SubscriptionBackoffMax);
        Assert.StartsWith("/var/lib/mesos/agent/slaves/", environment.Sandbox, StringComparison.Ordinal);
        Assert.Null(environment.AuthenticationToken);
    }

    [Fact]
    public void Without_checkpointing_the_recovery_variables_are_not_needed()
    {
        var variables = Captured();
        variables["MESOS_CHECKPOINT"] = "0";
        variables.Remove("MESOS_RECOVERY_TIMEOUT");
        variables.Remove("MESOS_SUBSCRIPTION_BACKOFF_MAX");

        var environment = MesosExecutorEnvironment.Read(variables);

        Assert.False(environment.Checkpoint);
        Assert.Null(environment.RecoveryTimeout);
    }

    [Fact]
    public void The_agent_pid_stands_in_for_a_missing_endpoint()
    {
        var variables = Captured();
        variables.Remove("MESOS_AGENT_ENDPOINT");

        Assert.Equal(new Uri("http://127.0.0.1:5051/"), MesosExecutorEnvironment.Read(variables).AgentEndpoint);
    }

    [Theory]
    [InlineData("MESOS_FRAMEWORK_ID", null, "MESOS_FRAMEWORK_ID is not set")]
    [InlineData("MESOS_EXECUTOR_ID", "  ", "MESOS_EXECUTOR_ID is not set")]
    [InlineData("MESOS_CHECKPOINT", "true", "MESOS_CHECKPOINT is 'true' (Mesos sets it to 1 or 0)")]
    [InlineData("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5s", "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD is '5s', which is not a Mesos duration")]
    [InlineData("MESOS_RECOVERY_TIMEOUT", null, "MESOS_RECOVERY_TIMEOUT is not set")]
    [InlineData("MESOS_AGENT_ENDPOINT", "localhost", "MESOS_AGENT_ENDPOINT is 'localhost' (expected the agent's address as ip:port")]
    [InlineData("MESOS_AGENT_ENDPOINT", "127.0.0.1:99999", "MESOS_AGENT_ENDPOINT is '127.0.0.1:99999'")]
    public void A_missing_or_malformed_variable_is_named_with_what_is_wrong(string name, string? value, string expected)
    {
        var variables = Captured();
        variables[name] = value;

        var ex = Assert.Throws<FormatException>(() => MesosExecutorEnvironment.Read(variables));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_override_their_variables_and_stand_in_for_missing_ones()
    {
        var variables = Captured();
        variables.Remove("MESOS_FRAMEWORK_ID");
        var overrides = new MesosExecutorOptions
        {
            FrameworkId = "from-settings",
            AgentEndpoint = "10.1.2.3:5151",
            Checkpoint = false,
            ShutdownGracePeriod = TimeSpan.FromSeconds(30),
        };

        var environment = MesosExecutorEnvironment.Read(variables, overrides);

        Assert.Equal("from-settings", environment.FrameworkId);
        Assert.Equal(new Uri("http://10.1.2.3:5151/"), environment.AgentEndpoint);
        Assert.False(environment.Checkpoint);
        Assert.Null(environment.RecoveryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), environment.ShutdownGracePeriod);
    }

    [Fact]
    public void The_token_never_shows_in_the_text_of_the_environment()
    {
        var variables = Captured();
        variables["MESOS_EXECUTOR_AUTHENTICATION_TOKEN"] = "secret-jwt-value";

        var text = MesosExecutorEnvironment.Read(variables).ToString();

        Assert.DoesNotContain("secret-jwt-value", text, StringComparison.Ordinal);
        Assert.Contains("token present", text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Captured()
        => Captures.Lines("executor-env.txt").Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1], StringComparer.Ordinal);
}
