using System.Diagnostics;
using System.Globalization;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Workloads;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>workloads</c>: one-off tasks submitted through <see cref="IMesosWorkloads"/> (AddMesosWorkloads in a Generic
/// Host) to a local cluster of three simulated agents whose tasks finish after 100 ms. Submits/s: requests over the
/// time the submitting took (each awaited, so each is written to the store before the next). Launches/s: tasks over
/// the time from the first submit to the last launch the master accepted. P99 submit→RUNNING: from each request's
/// submit to its TASK_RUNNING leaving the master. The store is a SQLite file in a temporary directory (the default
/// store, durable), or with <c>--store memory</c> the in-memory one.
/// </summary>
internal static class WorkloadsHarness
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var count = args.Int("--tasks", 1000);
        var inMemory = args.Text("--store") == "memory";
        var directory = Directory.CreateTempSubdirectory("workloads-bench-");
        try
        {
            await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
            {
                Agents = 3,
                AgentResources = "cpus:64;mem:65536",
                Simulation = new TaskSimulation(),
            });
            IWorkloadStore store = inMemory ? new InMemoryWorkloadStore() : new SqliteWorkloadStore(Path.Combine(directory.FullName, "workloads.db"));
            using var host = Build(cluster, store);
            await host.StartAsync();
            var workloads = host.Services.GetRequiredService<IMesosWorkloads>();

            var submitted = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var handles = new List<WorkloadHandle>(count);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var id = $"w{i:D6}";
                submitted[id] = DateTimeOffset.UtcNow;
                handles.Add(await workloads.SubmitAsync(new WorkloadRequest
                {
                    Id = id,
                    Name = id,
                    Task = new TaskRequest { Id = string.Empty, Cpus = 0.1, Mem = 16, Task = new TaskInfo { Command = new CommandInfo { Value = "true" } } },
                }));
            }

            var submitting = clock.Elapsed;
            await Task.WhenAll(handles.Select(h => h.Completion)).WaitAsync(Patience);
            await host.StopAsync();

            var launches = cluster.Journal.SchedulerCalls
                .Where(c => c.Call.Type == Call.Types.Type.Accept && c.StatusCode == 202)
                .Select(c => (c.At, Tasks: c.Call.Accept.Operations.Sum(o => o.Launch?.TaskInfos.Count ?? 0)))
                .Where(c => c.Tasks > 0)
                .ToList();
            var launching = launches[^1].At - submitted.Values.Min();
            var toRunning = cluster.Journal.SchedulerEvents
                .Where(e => e.Event.Update?.Status is { State: TaskState.TaskRunning, HasUuid: true })
                .Select(e => (Id: e.Event.Update.Status.TaskId.Value.Split(".attempt-")[0], e.At))
                .GroupBy(e => e.Id)
                .Select(g => (g.Min(e => e.At) - submitted[g.Key]).TotalMilliseconds)
                .Order()
                .ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"workloads: {count / submitting.TotalSeconds:F0} submits/s, {launches.Sum(l => l.Tasks) / launching.TotalSeconds:F0} launches/s, P99 submit→RUNNING {toRunning[(int)Math.Ceiling(toRunning.Count * 0.99) - 1]:F0} ms ({count} tasks on 3 simulated agents, {(inMemory ? "in-memory store" : "SQLite store in a temporary file")}; median {toRunning[toRunning.Count / 2]:F0} ms)"));
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IHost Build(LocalMesosCluster cluster, IWorkloadStore store)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(store);
        builder.Services.AddMesosWorkloads(options =>
        {
            options.Master = cluster.MasterUri.ToString();
            options.Framework.Name = "workloads-benchmark";
            options.StopApplicationOnError = false;
        });
        return builder.Build();
    }
}
