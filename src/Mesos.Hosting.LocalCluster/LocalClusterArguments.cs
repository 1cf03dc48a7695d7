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
                           [--agent "hostname=node-1|attributes=rack:r1;zone:a|resources=cpus:2;cpus(web):2"]...
                           [--heartbeat 15secs] [--work-dir PATH] [--hostname 127.0.0.1]
                           [--zk zk://127.0.0.1:2181/mesos] [--simulated-agents [--task-duration 100ms]]
                           [--journal-capacity 10000]
               mesos-local frameworks|tasks|agents|teardown FRAMEWORK_ID|watch [--master URL]

          --port             the first master's port (default 5050; 0 picks a free one)
          --masters          masters in the cluster; the first leads (default 1)
          --agents           agents in the cluster (default 1)
          --agent-port       the first agent's port (default 5051; 0 picks free ones)
          --agent-resources  each agent's resources, in the agent flag syntax
          --agent            one agent's profile, once per agent in order: its hostname, its attributes
                             (rack:r1;zone:a) and resources (static reservations as cpus(role):2), any of them
          --heartbeat        the scheduler heartbeat interval, as Mesos duration text (default 15secs)
          --work-dir         where sandboxes go (default: a temporary directory, removed at exit)
          --hostname         the address to listen on and advertise (default 127.0.0.1)
          --zk               publish the masters to ZooKeeper as Mesos does (json.info_ nodes, lowest leads),
                             so frameworks can use this URL as their master
          --simulated-agents agents run tasks and executors in process, not as processes: each task goes
                             STARTING, RUNNING, then FINISHED after --task-duration (default 100ms), or
                             KILLED when killed; agents serve no HTTP, so thousands fit on one machine
          --journal-capacity how many entries of each kind (calls, events, task histories…) the cluster's
                             journal keeps, the newest (default 10000; an OFFERS event counts once per
                             offer): a long run holds no more than that

        The first form prints the master's URL; open it in a browser for a live view of the agents,
        frameworks and tasks (each task's state history), fed by the master's operator event stream.

        The second form asks a running master (this tool's or a real Mesos, default http://127.0.0.1:5050)
        through the operator API: list frameworks, tasks or agents, tear a framework down, or print its events.
        """;

    // Enough for a test or a demo to look back on; a cluster left running for days keeps no more.
    private const int DefaultJournalCapacity = 10_000;

    public static LocalMesosClusterOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var profiles = new List<LocalAgentProfile>();
        var simulated = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            if (name == "--simulated-agents")
            {
                simulated = true;
                continue;
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            var (option, value) = equals > 0 ? (name[..equals], name[(equals + 1)..])
                : i + 1 < args.Count ? (name, args[++i])
                : throw new ArgumentException($"{name} needs a value.");
            if (option == "--agent")
            {
                profiles.Add(Profile(value));
            }
            else
            {
                values[option] = value;
            }
        }

        var known = new[] { "--port", "--masters", "--agents", "--agent-port", "--agent-resources", "--heartbeat", "--work-dir", "--hostname", "--zk", "--task-duration", "--journal-capacity" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option {unknown}.");
        }

        if (values.ContainsKey("--task-duration") && !simulated)
        {
            throw new ArgumentException("--task-duration is for simulated agents: add --simulated-agents.");
        }

        var defaults = new LocalMesosClusterOptions();
        return new LocalMesosClusterOptions
        {
            MasterPort = Int(values, "--port", 5050),
            Masters = Int(values, "--masters", 1),
            Agents = values.ContainsKey("--agents") ? Int(values, "--agents", 1) : Math.Max(1, profiles.Count),
            AgentProfiles = profiles,
            AgentPort = Int(values, "--agent-port", 5051),
            AgentResources = values.GetValueOrDefault("--agent-resources", defaults.AgentResources),
            HeartbeatInterval = values.TryGetValue("--heartbeat", out var heartbeat) ? Duration("--heartbeat", heartbeat) : defaults.HeartbeatInterval,
            WorkDirectory = values.GetValueOrDefault("--work-dir"),
            Hostname = values.GetValueOrDefault("--hostname", defaults.Hostname),
            ZooKeeper = values.GetValueOrDefault("--zk"),
            Simulation = simulated ? Simulation(values) : null,
            JournalCapacity = JournalCapacity(values),
        };
    }

    private static int JournalCapacity(Dictionary<string, string> values)
    {
        var capacity = Int(values, "--journal-capacity", DefaultJournalCapacity);
        return capacity > 0 ? capacity : throw new ArgumentException("--journal-capacity must be at least 1: the journal keeps the newest entries of each kind.");
    }

    private static TaskSimulation Simulation(Dictionary<string, string> values)
    {
        if (!values.TryGetValue("--task-duration", out var text))
        {
            return new TaskSimulation();
        }

        var duration = Duration("--task-duration", text);
        return new TaskSimulation { Outcome = _ => SimulatedOutcome.Finished(duration) };
    }

    // hostname=…|attributes=…|resources=…, each part optional.
    private static LocalAgentProfile Profile(string text)
    {
        var profile = new LocalAgentProfile();
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var value = equals > 0 ? part[(equals + 1)..].Trim() : string.Empty;
            profile = (equals > 0 ? part[..equals].Trim() : part) switch
            {
                "hostname" => profile with { Hostname = value },
                "attributes" => profile with { Attributes = value },
                "resources" => profile with { Resources = value },
                _ => throw new ArgumentException($"--agent '{text}': '{part}' is not hostname=…, attributes=… or resources=…."),
            };
        }

        return profile;
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
