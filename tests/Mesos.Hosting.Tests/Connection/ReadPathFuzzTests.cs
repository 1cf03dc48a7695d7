using System.Text;
using Google.Protobuf;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Tests.Wire;
using Mesos.Hosting.Wire;
using SchedulerEvent = Mesos.V1.Scheduler.Event;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>
/// Random bytes, and random mutations of the streams a real master and agent sent, fed to the drivers' read
/// path (a subscription's opening, its events, the checks before dispatch): whatever comes, the read ends in a
/// protocol error, an unavailable peer or a clean end, never an unexpected exception and never a hang.
/// </summary>
public sealed class ReadPathFuzzTests
{
    private const int Iterations = 400;
    private static readonly RecordIoReaderOptions Reading = new() { MaxRecordLength = 1024 * 1024 };

    [Fact]
    public async Task The_scheduler_read_path_survives_mutated_and_random_streams()
    {
        var protobuf = Captures.Bytes("scheduler-protobuf-stream.rio");
        var json = Captures.Bytes("scheduler-json-stream.rio");
        for (var i = 0; i < Iterations; i++)
        {
            var random = new Random(i);
            var (codec, original) = i % 2 == 0 ? (MesosCodec.Protobuf, protobuf) : (MesosCodec.Json, json);
            var input = i % 10 == 9 ? RandomBytes(random) : Mutate(original, random);
            await ReadAllAsync<SchedulerEvent>(input, codec, random, first => SubscribedCheck.Check(first, resumed: null), evt =>
            {
                _ = SchedulerEventCheck.Problem(evt);
                foreach (var offer in evt.Offers?.Offers_ ?? [])
                {
                    _ = SchedulerEventCheck.OfferProblem(offer);
                }

                if (evt.Subscribed is { } subscribed)
                {
                    _ = SubscribedCheck.HeartbeatInterval(subscribed);
                }
            }, $"scheduler iteration {i}");
        }
    }

    [Fact]
    public async Task The_executor_read_path_survives_mutated_and_random_streams()
    {
        var json = Captures.Bytes("executor-json-stream.rio");
        for (var i = 0; i < Iterations; i++)
        {
            var random = new Random(1_000_000 + i);
            var input = i % 10 == 9 ? RandomBytes(random) : Mutate(json, random);
            await ReadAllAsync<ExecutorEvent>(input, MesosCodec.Json, random, ExecutorConnection.CheckFirst, evt => _ = global::Mesos.Hosting.Executor.ExecutorEventCheck.Problem(evt), $"executor iteration {i}");
        }
    }

    [Fact]
    public void The_mutations_really_change_the_streams()
    {
        var original = Captures.Bytes("scheduler-protobuf-stream.rio");
        var changed = Enumerable.Range(0, 50).Count(i => !Mutate(original, new Random(i)).AsSpan().SequenceEqual(original));
        Assert.True(changed >= 45, $"only {changed} of 50 mutations changed the stream");
    }

    private static async Task ReadAllAsync<TEvent>(byte[] input, MesosCodec codec, Random random, Action<TEvent> checkFirst, Action<TEvent> check, string what)
        where TEvent : class, IMessage<TEvent>, new()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new ChunkedStream(input, () => random.Next(1, 4096))) };
        EventSubscription<TEvent> subscription;
        try
        {
            subscription = await EventSubscription<TEvent>.OpenAsync(response, codec, "peer", "stream", TimeSpan.FromSeconds(5), TimeProvider.System, Reading, checkFirst, deadline.Token);
        }
        catch (Exception ex) when (ex is MesosProtocolException or MesosUnavailableException or MesosCallException)
        {
            return;
        }

        await using (subscription)
        {
            var events = 0;
            while (await subscription.ReadAsync(deadline.Token) is { } evt)
            {
                check(evt);
                events++;
            }

            Assert.False(deadline.IsCancellationRequested, $"{what} hung after {events} events");
            Assert.NotNull(subscription.EndReason);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 8192)];
        random.NextBytes(bytes);

        // Half of them start like a record, so that the random part is read as a payload.
        if (random.Next(2) == 0 && bytes.Length > 8)
        {
            Encoding.ASCII.GetBytes($"{bytes.Length - 8}\n").AsSpan().CopyTo(bytes);
        }

        return bytes;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(random.Next(0, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 200)).ToList());
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
