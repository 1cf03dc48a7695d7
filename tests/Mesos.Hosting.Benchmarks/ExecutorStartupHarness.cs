using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Observation;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>executor-startup</c>: how long an SDK executor takes from its process starting to SUBSCRIBED, over
/// launches one at a time (each a new executor process started by a LocalMesosCluster agent). The
/// executor is the test executor program: a host with <c>AddMesosTaskExecutor</c> and nothing more.
/// </summary>
internal static class ExecutorStartupHarness
{
    private const string ExecutorProject = "Mesos.Hosting.Executor.TestApp";

    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var launches = args.Int("--launches", 20);
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { AllocationInterval = TimeSpan.FromMilliseconds(100) });
        var run = new StartupRun(ExecutorCommand());
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(run);
        builder.Services.AddMesosScheduler<StartupScheduler>(o =>
        {
            o.Master = cluster.MasterUri.ToString();
            o.Framework.Name = "executor-startup";
            o.UnusedOfferRefuseSeconds = 0;
        });
        using var host = builder.Build();
        await host.StartAsync();

        var samples = new List<TimeSpan>();
        for (var i = 0; i < launches; i++)
        {
            var executorId = $"startup-{i}";
            var launched = run.Launch(executorId);
            var (pid, agent) = await launched.WaitAsync(TimeSpan.FromMinutes(2));
            var started = Process.GetProcessById(pid).StartTime.ToUniversalTime();
            await cluster.Journal.WaitForAsync(j => Subscribed(j, executorId) is not null, TimeSpan.FromMinutes(1), $"{executorId} to subscribe");
            samples.Add(Subscribed(cluster.Journal, executorId)!.Value - started);
            await host.Services.GetRequiredService<ISchedulerDriver>().ShutdownExecutorAsync(new ExecutorID { Value = executorId }, agent);
        }

        await host.StopAsync();
        samples.Sort();
        var median = samples[samples.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"executor-startup: {median.TotalMilliseconds:F0} ms (median of {samples.Count}; fastest {samples[0].TotalMilliseconds:F0} ms, slowest {samples[^1].TotalMilliseconds:F0} ms)"));
        return 0;
    }

    private static DateTimeOffset? Subscribed(ClusterJournal journal, string executorId)
        => journal.ExecutorEvents.FirstOrDefault(e => e.ExecutorId == executorId && e.Event.Type == V1.Executor.Event.Types.Type.Subscribed)?.At;

    // Built beside this project, with the same configuration: bin/<configuration>/<framework>/.
    private static string ExecutorCommand()
    {
        var dll = Path.Combine(AppContext.BaseDirectory.Replace("Mesos.Hosting.Benchmarks", ExecutorProject, StringComparison.Ordinal), ExecutorProject + ".dll");
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? System.Environment.ProcessPath ?? "dotnet";
        return $"\"{dotnet}\" \"{dll}\"";
    }
}

/// <summary>The launch the harness waits for, handed to the scheduler's next offer.</summary>
internal sealed class StartupRun(string executorCommand)
{
    private readonly object _gate = new();
    private string? _pending;
    private TaskCompletionSource<(int Pid, AgentID Agent)>? _launched;

    public string ExecutorCommand => executorCommand;

    public Task<(int Pid, AgentID Agent)> Launch(string executorId)
    {
        lock (_gate)
        {
            _pending = executorId;
            _launched = new TaskCompletionSource<(int, AgentID)>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _launched.Task;
        }
    }

    public string? TakePending()
    {
        lock (_gate)
        {
            var pending = _pending;
            _pending = null;
            return pending;
        }
    }

    public void Started(int pid, AgentID agent)
    {
        lock (_gate)
        {
            _launched?.TrySetResult((pid, agent));
        }
    }
}

/// <summary>Launches one "finish" task under a new executor when the harness asks; hears the executor's process ID.</summary>
internal sealed class StartupScheduler(StartupRun run, ISchedulerDriver driver) : MesosScheduler
{
    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        if (offers.Count == 0 || run.TakePending() is not { } executorId)
        {
            return;
        }

        var offer = offers[0];
        var role = MesosResources.AllocationRole(offer);
        var executor = new ExecutorInfo { ExecutorId = new ExecutorID { Value = executorId }, Command = new CommandInfo { Value = run.ExecutorCommand, Shell = true } };
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.1, role));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 32, role));
        var task = new TaskInfo { Name = executorId, TaskId = new TaskID { Value = executorId }, AgentId = offer.AgentId, Executor = executor, Data = ByteString.CopyFromUtf8("finish") };
        task.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.1, role));
        await driver.LaunchTasksAsync([offer.Id], [task], cancellationToken: cancellationToken);
    }

    // The test executor's first message names its process: "<task> pid <n>".
    public override Task FrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken)
    {
        run.Started(int.Parse(data.ToStringUtf8().Split(' ')[^1], CultureInfo.InvariantCulture), agentId);
        return Task.CompletedTask;
    }
}
