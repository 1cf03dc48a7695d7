using System.Globalization;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.LocalCluster;

/// <summary>The command line of mesos-local, turned into cluster options, with errors that name the flag.</summary>
internal static class LocalClusterArguments
{
    public const string Usage = """
        usage: mesos-local [--port N] [--agents N] [--masters N] [--agent-port N]
                           [--agent-resources "cpus:4;mem:8192;disk:20000;ports:[31000-32000]"]
                           [--heartbeat 15secs] [--work-dir PATH] [--hostname 127.0.0.1]

          --port             the first master's port (default 5050; 0 picks a free one)
          --masters          masters in the cluster; the first leads (default 1)
          --agents           agents in the cluster (default 1)
          --agent-port       the first agent's port (default 5051; 0 picks free ones)
          --agent-resources  each agent's resources, in the agent flag syntax
          --heartbeat        the scheduler heartbeat interval, as Mesos duration text (default 15secs)
          --work-dir         where sandboxes go (default: a temporary directory, removed at exit)
          --hostname         the address to listen on and advertise (default 127.0.0.1)
        """;

    public static LocalMesosClusterOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{name} needs a value.");
            }
        }

        var known = new[] { "--port", "--masters", "--agents", "--agent-port", "--agent-resources", "--heartbeat", "--work-dir", "--hostname" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option {unknown}.");
        }

        var defaults = new LocalMesosClusterOptions();
        return new LocalMesosClusterOptions
        {
            MasterPort = Int(values, "--port", 5050),
            Masters = Int(values, "--masters", 1),
            Agents = Int(values, "--agents", 1),
            AgentPort = Int(values, "--agent-port", 5051),
            AgentResources = values.GetValueOrDefault("--agent-resources", defaults.AgentResources),
            HeartbeatInterval = values.TryGetValue("--heartbeat", out var heartbeat) ? Duration("--heartbeat", heartbeat) : defaults.HeartbeatInterval,
            WorkDirectory = values.GetValueOrDefault("--work-dir"),
            Hostname = values.GetValueOrDefault("--hostname", defaults.Hostname),
        };
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} must be a non-negative whole number, not '{text}'.");
    }

    private static TimeSpan Duration(string name, string text)
        => MesosDuration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new ArgumentException($"{name} must be a positive Mesos duration such as '15secs', not '{text}'.");
}
