using System.Buffers;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Scheduler;

/// <summary>
/// Decoded events, the first <see cref="Count"/> of a pooled array, with the timestamp at which the reader handed them
/// over (what dispatch latency is measured from); the dispatcher returns the array once they are delivered.
/// <see cref="EndsStream"/> marks the batch cut short by a record that did not decode: nothing after it is delivered.
/// </summary>
internal readonly record struct EventBatch(Event[] Events, int Count, long ReadAt, bool EndsStream = false)
{
    public void Return() => ArrayPool<Event>.Shared.Return(Events, clearArray: true);
}
