using System.Buffers;
using System.Diagnostics;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>
/// At least once, under a fault: the stream breaks in the middle of a record, in the middle of a batch, while one
/// callback fails. No update is acknowledged before its callback completed; the master sends again whatever was not
/// acknowledged, as Mesos does, and the driver delivers and acknowledges it on the next subscription.
/// </summary>
public sealed class AtLeastOnceTests
{
    private const int Updates = 400;
    private const string Failing = "task-5";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_stream_dropped_mid_batch_leaves_only_completed_updates_acknowledged_and_the_rest_comes_again()
    {
        var updates = Enumerable.Range(0, Updates).Select(i => HostileMaster.Update($"task-{i}", TaskState.TaskRunning, MesosUuid.NewBytes())).ToList();
        HostileMaster? master = null;
        var firstAcknowledged = new List<string>();
        var handled = new Observed<(string Uuid, long At)>();
        master = await HostileMaster.StartAsync(async (context, attempt) =>
        {
            await HostileMaster.SubscribedAsync(context);
            if (attempt == 1)
            {
                await SendThenBreakAsync(context, updates, handled);
                return;
            }

            // Mesos resends each update that was not acknowledged; this master knows them by the acknowledgements it got.
            var acknowledged = Acknowledged(master!);
            lock (firstAcknowledged)
            {
                firstAcknowledged.AddRange(acknowledged);
            }

            await HostileMaster.SendAsync(context, [.. updates.Where(u => !acknowledged.Contains(u.Update.Status.Uuid.ToBase64()))]);
            await HostileServer.HoldAsync(context);
        });
        await using (master)
        {
            using var host = await StartSchedulerAsync(master.Uri, handled);

            await master.Calls.WaitAsync(
                calls => Acknowledged(calls).Count == Updates, Generous, $"every one of the {Updates} updates to be acknowledged");
            await host.StopAsync();

            // The break cut the last update in two: it cannot have been delivered, let alone acknowledged, before the second stream.
            Assert.Equal(2, master.Subscribes.Count);
            Assert.DoesNotContain(updates[^1].Update.Status.Uuid.ToBase64(), firstAcknowledged);
            Assert.DoesNotContain(Uuid(updates, Failing), firstAcknowledged);

            // Each acknowledgement came after a callback for its update had completed.
            var completions = handled.Snapshot();
            foreach (var (call, at) in master.Calls.Snapshot().Where(c => c.Call.Type == Call.Types.Type.Acknowledge))
            {
                var uuid = call.Acknowledge.Uuid.ToBase64();
                Assert.Contains(completions, c => c.Uuid == uuid && c.At < at);
            }

            // The failed update was delivered again, and only then acknowledged.
            Assert.Single(completions, c => c.Uuid == Uuid(updates, Failing));
        }
    }

    // Everything but the last record's second half, written in one piece; the connection is cut once the driver has
    // handled the failing update and a few more, while the rest are in its buffers or still on their way.
    private static async Task SendThenBreakAsync(HttpContext context, List<Event> updates, Observed<(string Uuid, long At)> handled)
    {
        var stream = new ArrayBufferWriter<byte>();
        foreach (var update in updates)
        {
            MesosCodec.Protobuf.WriteRecord(stream, update);
        }

        var lastLength = updates[^1].CalculateSize();
        await context.Response.Body.WriteAsync(stream.WrittenMemory[..(stream.WrittenCount - (lastLength / 2))], context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await handled.WaitForCountAsync(10, Generous, "the driver to handle the first ten updates");
        context.Abort();
    }

    private static HashSet<string> Acknowledged(HostileMaster master) => Acknowledged(master.Calls.Snapshot());

    private static HashSet<string> Acknowledged(IReadOnlyList<(Call Call, long At)> calls)
        => calls.Where(c => c.Call.Type == Call.Types.Type.Acknowledge).Select(c => c.Call.Acknowledge.Uuid.ToBase64()).ToHashSet();

    private static string Uuid(List<Event> updates, string taskId) => updates.Single(u => u.Update.Status.TaskId.Value == taskId).Update.Status.Uuid.ToBase64();

    private static async Task<IHost> StartSchedulerAsync(Uri master, Observed<(string Uuid, long At)> handled)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(handled);

        // One instance for every callback (the driver then uses no scope), so that it remembers having failed once.
        builder.Services.AddSingleton<FailingOnceScheduler>();
        builder.Services.AddMesosScheduler<FailingOnceScheduler>(o =>
        {
            o.Master = master.ToString();
            o.Framework.Name = "at-least-once";
            o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(50);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(1);
            o.StopApplicationOnError = false;

            // The first SUBSCRIBE is the one whose stream breaks: a slow answer on a loaded machine must not make it a retry.
            o.CallTimeout = Generous;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Completes every update's callback but the first delivery of <see cref="Failing"/>'s, which throws.</summary>
    private sealed class FailingOnceScheduler(Observed<(string Uuid, long At)> handled) : MesosScheduler
    {
        private int _failed;

        public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
        {
            if (status.TaskId.Value == Failing && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new InvalidOperationException("The callback failed: this update must not be acknowledged.");
            }

            handled.Add((status.Uuid.ToBase64(), Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        }
    }
}
