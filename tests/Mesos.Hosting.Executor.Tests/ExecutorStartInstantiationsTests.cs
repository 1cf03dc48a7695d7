using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Google.Protobuf;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// The runtime directives that the SDK hands to NativeAOT publishes (src/Mesos.Hosting/buildTransitive) name exactly
/// the generic types that the lean executor host's container closes from its start to the executor's SUBSCRIBE, as a
/// real start of that host shows them: one missing is built at run time by every starting NativeAOT executor, one too
/// many is code compiled for nothing. The SDK's own types are listed; the application's (here the runner) cannot be.
/// Listens to every container in the process, so it runs alone.
/// </summary>
[Collection(nameof(TelemetryListeners))]
public sealed class ExecutorStartInstantiationsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string DirectivesPath => Path.Combine(Repository.Root(), "src", "Mesos.Hosting", "buildTransitive", "Mesos.Hosting.Executor.rd.xml");

    [Fact]
    public async Task The_runtime_directives_name_the_generic_types_the_lean_executor_host_closes_before_SUBSCRIBE()
    {
        using var callSites = new ContainerCallSites();

        // A bare socket plays the agent, not the tests' HostileServer: that one's Kestrel is a container of its own,
        // whose call sites the listener would count with the executor's.
        var agent = new TcpListener(IPAddress.Loopback, 0);
        agent.Start();
        try
        {
            var builder = MesosExecutorHost.CreateApplicationBuilder();
            builder.Services.AddMesosTaskExecutor<IdleRunner>(o =>
            {
                o.AgentEndpoint = $"127.0.0.1:{((IPEndPoint)agent.LocalEndpoint).Port}";
                o.FrameworkId = "fw";
                o.ExecutorId = "ex";
                o.Checkpoint = false;
                o.ShutdownGracePeriod = TimeSpan.FromSeconds(5);

                // The executor runs inside the test process: its process group is the test run's.
                o.HardExitAfterGracePeriod = false;
            });
            using var host = builder.Build();
            await host.StartAsync();
            var accepted = agent.AcceptTcpClientAsync();
            var stopping = Task.Delay(Timeout.Infinite, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            Assert.True(await Task.WhenAny(accepted, stopping, Task.Delay(Patience)) == accepted, "The executor did not connect to its agent: it stopped, or took more than 30 s.");
            using (var connection = await accepted)
            {
                Assert.StartsWith("POST /api/v1/executor ", await RequestLineAsync(connection.GetStream()), StringComparison.Ordinal);
            }

            await host.StopAsync();
        }
        finally
        {
            agent.Stop();
        }

        var closed = callSites.GenericTypes(typeof(IdleRunner).Assembly);
        var listed = Listed();
        Assert.True(listed.SetEquals(closed), Difference(listed, closed));
    }

    private static HashSet<(string Assembly, string Type)> Listed()
    {
        var directives = XDocument.Load(DirectivesPath);
        return directives.Descendants().Where(e => e.Name.LocalName == "Type")
            .Select(t => ((string)t.Parent!.Attribute("Name")!, (string)t.Attribute("Name")!))
            .ToHashSet();
    }

    private static string Difference(HashSet<(string Assembly, string Type)> listed, IReadOnlySet<(string Assembly, string Type)> closed)
    {
        IEnumerable<string> lines =
        [
            $"{DirectivesPath} differs from what the lean executor host closes before SUBSCRIBE.",
            .. closed.Except(listed).Order().Select(t => $"missing, under {t.Assembly}: <Type Name=\"{t.Type}\" Dynamic=\"Required All\" />"),
            .. listed.Except(closed).Order().Select(t => $"not closed, under {t.Assembly}: {t.Type}"),
        ];
        return string.Join('\n', lines);
    }

    // The request line, read byte by byte up to its end: the executor sends nothing more before an answer.
    private static async Task<string> RequestLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            using var timeout = new CancellationTokenSource(Patience);
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                break;
            }

            line.Append((char)one[0]);
        }

        return line.ToString();
    }

    private sealed class IdleRunner : IMesosTaskRunner
    {
        public Task<ByteString?> RunAsync(TaskInfo task, CancellationToken cancellationToken) => Task.FromResult<ByteString?>(null);
    }
}
