using System.Globalization;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// <c>acks</c>: status updates acknowledged per second by the real driver against LocalMesosCluster,
/// from the first acknowledgement to the last, with command tasks (three updates each) on three agents.
/// </summary>
internal static class AcknowledgementHarness
{
    public static async Task<int> RunAsync(HarnessArguments args)
    {
        var tasks = args.Int("--tasks", 2000);
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 3, AgentResources = "cpus:16;mem:65536;disk:1000;ports:[31000-32000]" });
        var work = new LaunchQueue(tasks);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(work);
        builder.Services.AddMesosScheduler<LaunchingScheduler>(o =>
        {
            o.Master = cluster.MasterUri.ToString();
            o.Framework.Name = "acks";
        });
        using var host = builder.Build();
        await host.StartAsync();
        await cluster.Journal.WaitForAsync(j => j.Acknowledgements.Count >= 3 * tasks, TimeSpan.FromMinutes(10), "every acknowledgement");
        await host.StopAsync();

        var acks = cluster.Journal.Acknowledgements;
        var seconds = (acks[^1].At - acks[0].At).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acks: {acks.Count / seconds:F0} acks/s ({acks.Count} acknowledgements of {tasks} command tasks in {seconds:F1} s)"));
        return 0;
    }
}

/// <summary>The task IDs still to launch.</summary>
internal sealed class LaunchQueue(int tasks)
{
    private int _next;

    public bool TryTake(out string id)
    {
        var n = Interlocked.Increment(ref _next) - 1;
        id = $"ack-{n:D5}";
        return n < tasks;
    }
}

/// <summary>Launches `true` tasks into every offer until the queue is empty.</summary>
internal sealed class LaunchingScheduler(LaunchQueue queue, ISchedulerDriver driver) : MesosScheduler
{
    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        foreach (var offer in offers)
        {
            var cpus = offer.Resources.Where(r => r.Name == "cpus").Sum(r => r.Scalar.Value);
            var launch = new List<TaskInfo>();
            while (cpus >= 0.1 && launch.Count < 100 && queue.TryTake(out var id))
            {
                cpus -= 0.1;
                var task = new TaskInfo { Name = id, TaskId = MesosId.Of<TaskID>(id), AgentId = offer.AgentId, Command = new CommandInfo { Value = "true" } };
                task.Resources.Add(new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 0.1 }, AllocationInfo = offer.AllocationInfo });
                launch.Add(task);
            }

            if (launch.Count > 0)
            {
                await driver.LaunchTasksAsync([offer.Id], launch, new Filters { RefuseSeconds = 0 }, cancellationToken);
            }
        }
    }
}
