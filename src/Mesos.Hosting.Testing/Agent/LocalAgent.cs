using System.Net;
using Google.Protobuf;
using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Master;
using Mesos.Hosting.Testing.Resources;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Testing.Agent;

/// <summary>
/// One agent: its executor API on its own port, the executors and command tasks it runs as real
/// child processes, and its status update manager. Its state is guarded by the master's lock.
/// </summary>
internal sealed partial class LocalAgent : IAsyncDisposable
{
    private readonly Dictionary<(string FrameworkId, string ExecutorId), ExecutorRun> _executors = [];
    private readonly Dictionary<string, FrameworkInfo> _frameworks = new(StringComparer.Ordinal);
    private WebApplication? _server;
    private ITimer? _recoveryTimer;

    public LocalAgent(MasterState master, AgentReports reports, int index, ResourceBag total, string workDirectory, ExecutorTokens? tokens)
    {
        Master = master;
        Reports = reports;
        Index = index;
        Total = total;
        Tokens = tokens;
        Id = MasterIds.Agent(master.MasterId, index);
        WorkDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "slaves", Id)).FullName;
        Updates = new StatusUpdateManager(master, reports);
        Info = new AgentInfo { Hostname = Options.Hostname, Id = MesosId.Of<AgentID>(Id) };
        Info.Resources.AddRange(total.ToResources(allocationRole: null));
    }

    /// <summary>The master's state, whose lock guards the agent's too.</summary>
    public MasterState Master { get; }

    /// <summary>Where the agent tells the master what happens on it.</summary>
    public AgentReports Reports { get; }

    public LocalMesosClusterOptions Options => Master.Options;

    public int Index { get; }

    public string Id { get; }

    public AgentInfo Info { get; }

    public ResourceBag Total { get; }

    public string WorkDirectory { get; }

    public ExecutorTokens? Tokens { get; }

    public StatusUpdateManager Updates { get; }

    public int Port { get; private set; }

    public Uri Uri => new($"http://{Options.Hostname}:{Port}/");

    /// <summary>Registered with the master (not removed).</summary>
    public bool IsRegistered { get; private set; } = true;

    /// <summary>True after a restart until executors have had their chance to resubscribe.</summary>
    public bool Recovering { get; private set; }

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(Options.Hostname), port, listen => listen.Protocols = HttpProtocols.Http1));
        var server = builder.Build();
        var endpoint = new ExecutorEndpoint(this);
        server.Run(endpoint.HandleAsync);
        await server.StartAsync().ConfigureAwait(false);
        Port = new Uri(server.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        Info.Port = Port;
        _server = server;
    }

    /// <summary>Stops the agent process, as a crash or an upgrade would: executors of checkpointing frameworks live on.</summary>
    public async Task StopAsync()
    {
        lock (Master.Sync)
        {
            Updates.Connected = false;
            foreach (var run in _executors.Values.ToList())
            {
                run.Stream?.Abort();
                run.Stream = null;
                if (!Checkpoints(run.FrameworkId))
                {
                    run.TerminationReason = TaskStatus.Types.Reason.AgentRestarted;
                    KillRun(run);
                }
            }
        }

        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the agent again on its port, in recovery: executors must resubscribe in time.</summary>
    public async Task RestartAsync()
    {
        lock (Master.Sync)
        {
            Recovering = true;
        }

        await StartAsync(Port).ConfigureAwait(false);
        lock (Master.Sync)
        {
            Updates.Connected = true;
            Updates.Resend();
            _recoveryTimer?.Dispose();
            _recoveryTimer = Master.Time.CreateTimer(_ => FinishRecoveryUnderLock(), null, Options.ExecutorReregistrationTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Removes the agent from the cluster: everything it runs is killed.</summary>
    public async Task RemoveAsync()
    {
        lock (Master.Sync)
        {
            IsRegistered = false;
            Updates.Connected = false;
            Reports.OnAgentRemoved(this);
            foreach (var run in _executors.Values.ToList())
            {
                run.Stream?.Abort();
                KillRun(run);
            }
        }

        await StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<ExecutorRun> runs;
        lock (Master.Sync)
        {
            IsRegistered = false;
            _recoveryTimer?.Dispose();
            Updates.StopRetries();
            runs = [.. _executors.Values];
            foreach (var run in runs)
            {
                run.RegistrationTimer?.Dispose();
                run.ShutdownTimer?.Dispose();
                run.Stream?.Close();
            }
        }

        // Nothing the agent started may outlive it.
        foreach (var run in runs)
        {
            foreach (var command in run.Commands.Values)
            {
                await command.Process.DisposeAsync().ConfigureAwait(false);
            }

            if (run.Process is { } process)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (_server is { } server)
        {
            await server.StopAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ExecutorRun? FindExecutor(string frameworkId, string executorId) => _executors.GetValueOrDefault((frameworkId, executorId));

    public FrameworkInfo? FindFramework(string frameworkId) => _frameworks.GetValueOrDefault(frameworkId);

    /// <summary>The master learned a framework's (new) FrameworkInfo; its updates go out again now.</summary>
    public void FrameworkResubscribed(FrameworkInfo framework)
    {
        if (_frameworks.ContainsKey(framework.Id.Value))
        {
            _frameworks[framework.Id.Value] = framework.Clone();
        }

        Updates.Resend(framework.Id.Value);
    }

    public void Acknowledge(string frameworkId, string taskId, ByteString uuid)
    {
        if (Updates.Acknowledge(frameworkId, taskId, uuid) is { } acknowledged && MesosTaskStates.IsTerminal(acknowledged.State))
        {
            foreach (var run in _executors.Values.Where(r => r.FrameworkId == frameworkId))
            {
                run.Tasks.Remove(taskId);
            }
        }
    }

    public void SendMessage(string frameworkId, string executorId, ByteString data)
    {
        if (FindExecutor(frameworkId, executorId) is { Stream: { } stream } run)
        {
            SendToExecutor(run, new V1.Executor.Event { Type = V1.Executor.Event.Types.Type.Message, Message = new V1.Executor.Event.Types.Message { Data = data } });
        }
    }

    public void ShutdownFramework(string frameworkId)
    {
        Updates.RemoveFramework(frameworkId);
        foreach (var run in _executors.Values.Where(r => r.FrameworkId == frameworkId).ToList())
        {
            Shutdown(run);
        }

        _frameworks.Remove(frameworkId);
    }

    public void ShutdownExecutor(string frameworkId, string executorId)
    {
        if (FindExecutor(frameworkId, executorId) is { } run)
        {
            Shutdown(run);
        }
    }

    private bool Checkpoints(string frameworkId) => _frameworks.TryGetValue(frameworkId, out var info) && info.Checkpoint;

    private void FinishRecoveryUnderLock()
    {
        lock (Master.Sync)
        {
            Recovering = false;
            foreach (var run in _executors.Values.Where(r => r.Kind == ExecutorKind.Custom && !r.Subscribed && !r.Terminated).ToList())
            {
                run.TerminationReason = TaskStatus.Types.Reason.ExecutorReregistrationTimeout;
                KillRun(run);
            }
        }
    }
}
