using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Tests;
using Mesos.Hosting.Wire;
using Mesos.V1;
using OperatorEvent = Mesos.V1.Master.Event;
using SchedulerCall = Mesos.V1.Scheduler.Call;
using SchedulerEvent = Mesos.V1.Scheduler.Event;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>What the tests against LocalMesosCluster give it to hold (frameworks with tasks), and how they watch it.</summary>
internal static class LocalClusterWork
{
    public static TheoryData<string> Encodings => [MesosContentTypes.Protobuf, MesosContentTypes.Json];

    public static byte[] Json(string body) => System.Text.Encoding.UTF8.GetBytes(body);

    /// <summary>POSTs a JSON operator call to the cluster's leading master, bypassing the client, to see Mesos's raw answer.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Body)> PostAsync(LocalMesosCluster cluster, string body)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(RawScheduler.Request(new Uri(cluster.MasterUri, "api/v1"), Json(body), "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The first event <paramref name="which"/> matches, whenever it came: tasks' events interleave; fails after ten seconds without one.</summary>
    public static async Task<OperatorEvent> SeenAsync(Observed<OperatorEvent> events, Func<OperatorEvent, bool> which)
    {
        await events.WaitAsync(seen => seen.Any(which), TimeSpan.FromSeconds(10), "the event");
        return events.Snapshot().First(which);
    }

    /// <summary>
    /// A framework whose default executor runs "long" (its shell's pid written to the sandbox) and ran
    /// "short" to its acknowledged end, so the master holds a live task, a completed one and an executor.
    /// </summary>
    public static async Task<RawScheduler> LaunchGroupAsync(LocalMesosCluster cluster)
    {
        var scheduler = new RawScheduler(cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(SchedulerEvent.Types.Type.Offers)).Offers.Offers_[0];
        var executor = new ExecutorInfo { Type = ExecutorInfo.Types.Type.Default, ExecutorId = MesosId.Of<ExecutorID>("group-executor") };
        executor.Resources.Add(RawScheduler.Scalar("cpus", 0.1, offer.AllocationInfo.Role));
        var group = new TaskGroupInfo { Tasks = { RawScheduler.ShellTask(offer, "long", "echo $$ > pid; sleep 600"), RawScheduler.ShellTask(offer, "short", "true") } };
        var launch = new Offer.Types.Operation.Types.LaunchGroup { Executor = executor, TaskGroup = group };
        await scheduler.AcceptedAsync(new SchedulerCall
        {
            Type = SchedulerCall.Types.Type.Accept,
            Accept = new SchedulerCall.Types.Accept { OfferIds = { offer.Id }, Operations = { new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.LaunchGroup, LaunchGroup = launch } } },
        });

        // The two tasks' updates interleave, and each task's next update waits for the acknowledgement of its
        // previous one: every update is acknowledged as it comes until both tasks are where the tests need them.
        var awaited = new HashSet<(string, TaskState)> { ("long", TaskState.TaskRunning), ("short", TaskState.TaskFinished) };
        while (awaited.Count > 0)
        {
            var status = (await stream.NextAsync(SchedulerEvent.Types.Type.Update)).Update.Status;
            await scheduler.AcknowledgeAsync(status);
            awaited.Remove((status.TaskId.Value, status.State));
        }

        await cluster.Journal.WaitForAsync(j => j.Acknowledgements.Any(a => a.TaskId == "short" && a.State == TaskState.TaskFinished), TimeSpan.FromSeconds(10), "the acknowledged end of 'short'");
        return scheduler;
    }

    /// <summary>A framework with one command task, "sleeper", running and its updates acknowledged.</summary>
    public static async Task<RawScheduler> LaunchSleeperAsync(LocalMesosCluster cluster, params FrameworkInfo.Types.Capability.Types.Type[] capabilities)
    {
        var scheduler = new RawScheduler(cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(capabilities: capabilities));
        var offer = (await stream.NextAsync(SchedulerEvent.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "sleeper", "sleep 600")]);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskStarting);
        await scheduler.AcknowledgeNextAsync("sleeper", TaskState.TaskRunning);
        return scheduler;
    }

    /// <summary>Reads the operator event stream into a list until disposed.</summary>
    public static OperatorEventLog Watch(IMesosOperator client) => new(client);

    internal sealed class OperatorEventLog : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reading;

        public OperatorEventLog(IMesosOperator client)
        {
            _reading = Task.Run(async () =>
            {
                await foreach (var evt in client.SubscribeAsync(_stop.Token))
                {
                    Events.Add(evt);
                }
            });
        }

        public Observed<OperatorEvent> Events { get; } = new();

        public Task<OperatorEvent> SeenAsync(Func<OperatorEvent, bool> which) => LocalClusterWork.SeenAsync(Events, which);

        /// <summary>Ends the subscription, which must end by cancellation only.</summary>
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _reading);
            _stop.Dispose();
        }
    }
}
