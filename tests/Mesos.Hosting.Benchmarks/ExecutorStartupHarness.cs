using System.Globalization;
using Google.Protobuf;
using Mesos.Hosting.Resources;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Observation;
using Mesos.Hosting.TestSupport.Processes;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>executor-startup</c>: how long an SDK executor takes from its process starting to SUBSCRIBED, over launches one
/// at a time (each a new executor process started by a LocalMesosCluster agent through <c>sh -c</c>), both moments
/// as the agent's journal has them: the process's start the moment the agent started it (which includes the shell's
/// own start), not the kernel's record of it, which counts in 10 ms ticks. The executor is a
/// lean one as a framework would deploy it: <c>MesosExecutorHost.CreateApplicationBuilder</c> with
/// <c>AddMesosTaskExecutor</c> and the test task runner (tests/Mesos.Hosting.Executor.AotApp's program), published
/// as a container image carries it: self-contained, trimmed, in one composite ReadyToRun image with the runtime's
/// libraries (tests/Mesos.Hosting.Executor.ReadyToRunApp), the JIT compiling only what that could not; with
/// <c>--aot</c>, the same program published as a NativeAOT executable, with JSON switched off as the template's executor
/// has it, the SDK's runtime directives, and linked at a fixed address (tests/Mesos.Hosting.Executor.AotApp's project
/// says why), is timed after it. Both are published before the cluster starts, so that no compile competes with what is
/// timed. Beside the wall time, each line gives the CPU
/// (user and system) the executor process had used when its task's first message reached the scheduler: a load-insensitive
/// figure (in the kernel's 10 ms ticks) that includes starting the task as well as subscribing, and the page faults it had
/// taken; the first line says what one costs on this machine (<see cref="PageFaultCost"/>). The scheduler keeps its
/// offers suppressed between launches (declined ones filtered for long), so that no offer ping-pong competes with the
/// executor for the machine's cores; each launch revives them. For the same reason each launch waits until the previous
/// executor has exited and the harness's own JIT has gone quiet.
/// </summary>
internal static class ExecutorStartupHarness
{
    // A ReadyToRun or native compile of the SDK, Google.Protobuf and Microsoft.Extensions on two busy cores.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    // Far above a launch and a start-up on a loaded machine: only a launch that will never happen waits this long.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var nativeAot = arguments.Contains("--aot");
        var launches = HarnessArguments.Parse(arguments.Where(a => a != "--aot")).Int("--launches", 20);
        // Published before the cluster starts, so that the compiles compete with nothing that is timed.
        var jitExecutor = $"\"{await PublishedExecutor.ReadyToRunAsync(PublishTimeout)}\"";
        var nativeExecutor = nativeAot ? $"\"{await PublishedExecutor.NativeAotAsync(PublishTimeout, json: false)}\"" : null;
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { AllocationInterval = TimeSpan.FromMilliseconds(100) });
        var run = new StartupRun(jitExecutor);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(run);
        builder.Services.AddMesosScheduler<StartupScheduler>(o =>
        {
            o.Master = cluster.MasterUri.ToString();
            o.Framework.Name = "executor-startup";
            o.UnusedOfferRefuseSeconds = 3600;
        });
        using var host = builder.Build();
        await host.StartAsync();

        var driver = host.Services.GetRequiredService<ISchedulerDriver>();
        await HarnessWait.ForAsync(run.Registered.Task, Patience, "the harness's scheduler to subscribe");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"this machine: {PageFaultCost.Measure().TotalMicroseconds:F2} µs for the first touch of a page of fresh memory"));
        Print("executor-startup", await MeasureAsync(cluster, driver, run, "jit", launches));
        if (nativeExecutor is not null)
        {
            run.ExecutorCommand = nativeExecutor;
            Print("executor-startup (NativeAOT)", await MeasureAsync(cluster, driver, run, "aot", launches));
        }

        await host.StopAsync();
        return 0;
    }

    private static async Task<(List<TimeSpan> Wall, List<TimeSpan> Cpu, List<long> PageFaults)> MeasureAsync(LocalMesosCluster cluster, ISchedulerDriver driver, StartupRun run, string kind, int launches)
    {
        var samples = new List<TimeSpan>();
        var cpu = new List<TimeSpan>();
        var pageFaults = new List<long>();
        for (var i = 0; i < launches; i++)
        {
            // Each start is timed on a quiet machine: the harness's own tier-up compiles done, the last executor gone.
            await JitQuiet.WaitAsync(TimeSpan.FromSeconds(5));
            var executorId = $"startup-{kind}-{i}";
            var launched = run.Launch(executorId);
            await driver.ReviveAsync();
            var (pid, agent, used) = await HarnessWait.ForAsync(launched, Patience, $"an offer to launch executor {executorId} ({run.ExecutorCommand}) into, and that executor's first message naming its process");
            await cluster.Journal.WaitForAsync(j => Subscribed(j, executorId) is not null, Patience, $"executor {executorId} (process {pid}) to subscribe to its agent");
            var launch = cluster.Journal.ExecutorLaunches.Single(l => l.ExecutorId == executorId);
            samples.Add(Subscribed(cluster.Journal, executorId)!.Value - launch.At);
            cpu.Add(used.Cpu);
            pageFaults.Add(used.PageFaults);
            await driver.ShutdownExecutorAsync(new ExecutorID { Value = executorId }, agent);
            await HarnessWait.ForAsync(run.Exited, Patience, $"executor {executorId} (process {pid}) to exit after its SHUTDOWN");
        }

        samples.Sort();
        cpu.Sort();
        pageFaults.Sort();
        return (samples, cpu, pageFaults);
    }

    private static void Print(string name, (List<TimeSpan> Wall, List<TimeSpan> Cpu, List<long> PageFaults) samples)
    {
        var (wall, cpu, pageFaults) = samples;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {wall[wall.Count / 2].TotalMilliseconds:F0} ms (median of {wall.Count}; fastest {wall[0].TotalMilliseconds:F0} ms, slowest {wall[^1].TotalMilliseconds:F0} ms); " +
            $"CPU {cpu[cpu.Count / 2].TotalMilliseconds:F0} ms (median; least {cpu[0].TotalMilliseconds:F0} ms, most {cpu[^1].TotalMilliseconds:F0} ms); " +
            $"{pageFaults[pageFaults.Count / 2]} page faults (median)"));
    }

    private static DateTimeOffset? Subscribed(ClusterJournal journal, string executorId)
        => journal.ExecutorEvents.FirstOrDefault(e => e.ExecutorId == executorId && e.Event.Type == V1.Executor.Event.Types.Type.Subscribed)?.At;
}

/// <summary>The launch the harness waits for, handed to the scheduler's next offer.</summary>
internal sealed class StartupRun(string executorCommand)
{
    private readonly object _gate = new();
    private volatile string _executorCommand = executorCommand;
    private string? _pending;
    private string? _current;
    private TaskCompletionSource<(int Pid, AgentID Agent, ProcessUse Used)>? _launched;
    private TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The shell command that starts the executor being timed; set between rounds, never during one.</summary>
    public string ExecutorCommand
    {
        get => _executorCommand;
        set => _executorCommand = value;
    }

    public TaskCompletionSource Registered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(int Pid, AgentID Agent, ProcessUse Used)> Launch(string executorId)
    {
        lock (_gate)
        {
            _pending = executorId;
            _current = executorId;
            _launched = new TaskCompletionSource<(int, AgentID, ProcessUse)>(TaskCreationOptions.RunContinuationsAsynchronously);
            _exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _launched.Task;
        }
    }

    /// <summary>Completes when the master reports the current launch's executor gone.</summary>
    public Task Exited
    {
        get
        {
            lock (_gate)
            {
                return _exited.Task;
            }
        }
    }

    /// <summary>The master reported an executor gone (its FAILURE event): if it is the current launch's, <see cref="Exited"/> completes.</summary>
    public void Lost(ExecutorID executorId)
    {
        lock (_gate)
        {
            if (executorId.Value == _current)
            {
                _exited.TrySetResult();
            }
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

    /// <summary>The executor's task spoke: its process and what that process has used so far, read at once.</summary>
    public void Started(int pid, AgentID agent)
    {
        var used = ProcessUse.Of(pid);
        lock (_gate)
        {
            _launched?.TrySetResult((pid, agent, used));
        }
    }

    // A launch that ended before its executor spoke will never speak: say why now rather than time out later.
    public void Ended(Mesos.V1.TaskStatus status)
    {
        lock (_gate)
        {
            if (status.TaskId.Value != _current)
            {
                return;
            }

            _launched?.TrySetException(new InvalidOperationException(
                $"Task {status.TaskId.Value} ended {status.State} ({status.Reason}) before its executor named its process: {status.Message}"));
        }
    }
}

/// <summary>Launches one "finish" task under a new executor when the harness asks; hears the executor's process ID.</summary>
internal sealed class StartupScheduler(StartupRun run, ISchedulerDriver driver) : MesosScheduler
{
    public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken)
    {
        run.Registered.TrySetResult();
        return Task.CompletedTask;
    }

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

    public override Task StatusUpdateAsync(Mesos.V1.TaskStatus status, CancellationToken cancellationToken)
    {
        if (MesosTaskStates.IsTerminal(status.State))
        {
            run.Ended(status);
        }

        return Task.CompletedTask;
    }

    public override Task ExecutorLostAsync(ExecutorID executorId, AgentID agentId, int? status, CancellationToken cancellationToken)
    {
        run.Lost(executorId);
        return Task.CompletedTask;
    }

    // The test executor's first message names its process: "<task> pid <n>".
    public override Task FrameworkMessageAsync(ExecutorID executorId, AgentID agentId, ByteString data, CancellationToken cancellationToken)
    {
        run.Started(int.Parse(data.ToStringUtf8().Split(' ')[^1], CultureInfo.InvariantCulture), agentId);
        return Task.CompletedTask;
    }
}
