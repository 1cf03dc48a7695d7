using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Benchmarks;

/// <summary>
/// The acks harness's master, with no agents behind it: it streams UPDATEs of <c>tasks</c> tasks, each with a uuid, and
/// sends a task's next update only once its last was acknowledged, as Mesos's status update manager does, until
/// <c>updates</c> were acknowledged. It times each update from being written to its acknowledgement, refuses to
/// count an acknowledgement of any other update, and checks that the other calls (KILLs numbered in the order the
/// scheduler made them) arrive in that order.
/// </summary>
internal sealed class AcknowledgingMaster : TestMaster
{
    private readonly object _gate = new();
    private readonly int _updates;
    private readonly ByteString[] _outstanding;
    private readonly long[] _sentAt;
    private readonly long[] _latencies;
    private readonly Channel<int> _due = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private int _sent;
    private int _acknowledged;
    private long _firstSent;
    private long _lastAcknowledged;
    private int _wrongAcknowledgements;
    private int _otherCalls;
    private int _otherCallsOutOfOrder;

    public AcknowledgingMaster(int tasks, int updates)
    {
        _updates = updates;
        _outstanding = new ByteString[tasks];
        _sentAt = new long[tasks];
        _latencies = new long[updates];
        for (var task = 0; task < tasks; task++)
        {
            _due.Writer.TryWrite(task);
        }
    }

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int WrongAcknowledgements => Volatile.Read(ref _wrongAcknowledgements);

    public int OtherCalls => Volatile.Read(ref _otherCalls);

    public int OtherCallsOutOfOrder => Volatile.Read(ref _otherCallsOutOfOrder);

    /// <summary>Acknowledgements per second, from the first update written to the last acknowledgement.</summary>
    public double Rate => _updates / Stopwatch.GetElapsedTime(_firstSent, _lastAcknowledged).TotalSeconds;

    public TimeSpan LatencyPercentile(double percentile)
    {
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        return Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * percentile))]);
    }

    protected override async Task StreamEventsAsync(Stream stream, CancellationToken cancellationToken)
    {
        var subscribed = new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed { FrameworkId = MesosId.Of<FrameworkID>("acks-0000"), HeartbeatIntervalSeconds = 15 },
        };
        var records = new ArrayBufferWriter<byte>();
        MesosCodec.Protobuf.WriteRecord(records, subscribed);
        await WriteChunkAsync(stream, records.WrittenMemory, cancellationToken);
        _firstSent = Stopwatch.GetTimestamp();

        // Whatever became due since the last write goes out in one chunk.
        while (Volatile.Read(ref _sent) < _updates && await _due.Reader.WaitToReadAsync(cancellationToken))
        {
            records.Clear();
            while (_sent < _updates && _due.Reader.TryRead(out var task))
            {
                var update = EventPayloads.Update(task);
                lock (_gate)
                {
                    _outstanding[task] = update.Update.Status.Uuid;
                    _sentAt[task] = Stopwatch.GetTimestamp();
                    _sent++;
                }

                MesosCodec.Protobuf.WriteRecord(records, update);
            }

            await WriteChunkAsync(stream, records.WrittenMemory, cancellationToken);
        }
    }

    protected override void Received(Call call)
    {
        switch (call.Type)
        {
            case Call.Types.Type.Acknowledge:
                Acknowledged(call.Acknowledge);
                break;
            case Call.Types.Type.Kill:
                Other(int.Parse(call.Kill.TaskId.Value.AsSpan("order-".Length), CultureInfo.InvariantCulture));
                break;
            default:
                break;
        }
    }

    private void Acknowledged(Call.Types.Acknowledge acknowledge)
    {
        var task = int.Parse(acknowledge.TaskId.Value.AsSpan("task-".Length), CultureInfo.InvariantCulture);
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (task >= _outstanding.Length || _outstanding[task] is not { } uuid || !uuid.Equals(acknowledge.Uuid))
            {
                _wrongAcknowledgements++;
                return;
            }

            _outstanding[task] = null!;
            _latencies[_acknowledged++] = now - _sentAt[task];
            _lastAcknowledged = now;
            if (_acknowledged == _updates)
            {
                Done.TrySetResult();
            }
            else if (_sent < _updates)
            {
                _due.Writer.TryWrite(task);
            }
        }
    }

    private void Other(int number)
    {
        lock (_gate)
        {
            if (number != _otherCalls)
            {
                _otherCallsOutOfOrder++;
            }

            _otherCalls++;
        }
    }
}
