using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mesos.Hosting.TestSupport.ZooKeeper;

/// <summary>
/// One real ZooKeeper server (a java process) on a free loopback port with its own folder, alone or as a
/// member of a <see cref="ZooKeeperEnsemble"/>. It can be killed and started again on the same data.
/// Disposing kills it and deletes its folder; a process-exit handler kills any server still running.
/// </summary>
public sealed class ZooKeeperServer : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ZooKeeperServer, byte> Running = new();
    private readonly string _folder;
    private readonly string _config;
    private readonly bool _ownsFolder;
    private Process? _process;

    static ZooKeeperServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.KillProcess();
            }
        };
    }

    internal ZooKeeperServer(string folder, int id, int clientPort, IReadOnlyList<string> ensemble, bool ownsFolder)
    {
        ZooKeeperInstallation.EnsureInstalled();
        _folder = folder;
        _ownsFolder = ownsFolder;
        Id = id;
        ClientPort = clientPort;
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        if (ensemble.Count > 0)
        {
            File.WriteAllText(Path.Combine(data, "myid"), id.ToString(CultureInfo.InvariantCulture));
        }

        _config = Path.Combine(folder, "zoo.cfg");
        File.WriteAllLines(_config, Config(data, clientPort).Concat(ensemble));
    }

    /// <summary>The server's id in its ensemble (1 when alone).</summary>
    public int Id { get; }

    public int ClientPort { get; }

    public DnsEndPoint EndPoint => new("127.0.0.1", ClientPort);

    public string ConnectString => "127.0.0.1:" + ClientPort.ToString(CultureInfo.InvariantCulture);

    public bool IsRunning => _process is { HasExited: false };

    private string LogFile => Path.Combine(_folder, "server.log");

    /// <summary>Starts a server of its own and waits until it serves.</summary>
    public static Task<ZooKeeperServer> StartAsync() => WithFreshPortsAsync(async () =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "zk-test-" + Guid.NewGuid().ToString("N"));
        var server = new ZooKeeperServer(folder, id: 1, FreePorts.Take(1)[0], ensemble: [], ownsFolder: true);
        try
        {
            server.Start();
            await server.WaitUntilServingAsync(TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    });

    /// <summary>
    /// Runs <paramref name="start"/> again, on new ports, when a server exits before serving: a port found
    /// free can be taken by another process before java binds it.
    /// </summary>
    internal static async Task<T> WithFreshPortsAsync<T>(Func<Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (ServerExitedException) when (attempt < 3)
            {
                // Try again on other ports.
            }
        }
    }

    /// <summary>Starts the java process (again, after a kill, on the same data).</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"ZooKeeper server {Id} is running already.");
        }

        // exec: the shell becomes java, so the process we hold is the server itself.
        var command = $"exec java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData "
            + $"-Djava.net.preferIPv4Stack=true -cp '{ZooKeeperInstallation.ClassPath}' "
            + $"org.apache.zookeeper.server.quorum.QuorumPeerMain '{_config}' >> '{LogFile}' 2>&1";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _folder };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start java for ZooKeeper.");
        Running[this] = 0;
    }

    /// <summary>Waits until the server answers <c>srvr</c> with a mode: it takes sessions (a member, once it has a quorum).</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (!IsRunning)
            {
                throw new ServerExitedException($"ZooKeeper server {Id} exited before serving. Its log:\n{LogTail()}");
            }

            if (await AskAsync("srvr") is { } answer && answer.Contains("Mode: ", StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"ZooKeeper server {Id} did not serve within {timeout}. Its log:\n{LogTail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server with SIGKILL, as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        KillProcess();
        if (_process is { } process)
        {
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    public string LogTail() => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(40)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_ownsFolder)
        {
            DeleteFolder(_folder);
        }
    }

    internal static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void KillProcess()
    {
        Running.TryRemove(this, out _);
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    // A four-letter-word command: the server answers and closes the connection.
    private async Task<string?> AskAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, ClientPort, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Config(string data, int clientPort) =>
    [
        // Short ticks: sessions may be as short as two ticks, and expire within a tick of their timeout.
        "tickTime=200",
        "initLimit=25",
        "syncLimit=10",
        "minSessionTimeout=400",
        "maxSessionTimeout=60000",
        $"dataDir={data}",
        $"clientPort={clientPort}",
        "clientPortAddress=127.0.0.1",
        "admin.enableServer=false",
        "4lw.commands.whitelist=srvr,ruok",
        "preAllocSize=1024",
        "forceSync=no",
    ];
}
