using System.Buffers;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Attribute = Mesos.V1.Attribute;
using TaskStatus = Mesos.V1.TaskStatus;

namespace Mesos.Hosting.Benchmarks;

/// <summary>The scheduler events the benchmarks decode, shaped like what a real master sends.</summary>
internal static class EventPayloads
{
    private const string MasterId = "6da1fbe3-641e-49be-a75a-86e26dd2a291";

    /// <summary>
    /// A TASK_RUNNING update field for field as a real master sent one (captures/scheduler-protobuf-stream.rio): task and
    /// executor ID alike (a command task), the agent, a timestamp, the executor as source, a uuid to acknowledge, and the
    /// container's status (its IP, the executor's pid, the container ID). About 170 bytes, as there.
    /// </summary>
    public static Event Update(int task) => new()
    {
        Type = Event.Types.Type.Update,
        Update = new Event.Types.Update
        {
            Status = new TaskStatus
            {
                TaskId = MesosId.Of<TaskID>($"task-{task:D5}"),
                State = TaskState.TaskRunning,
                Source = TaskStatus.Types.Source.Executor,
                AgentId = MesosId.Of<AgentID>($"{MasterId}-S{task % 3}"),
                ExecutorId = MesosId.Of<ExecutorID>($"task-{task:D5}"),
                Timestamp = 1795843111.5 + task,
                Uuid = MesosUuid.NewBytes(),
                ContainerStatus = new ContainerStatus
                {
                    NetworkInfos = { new NetworkInfo { IpAddresses = { new NetworkInfo.Types.IPAddress { IpAddress = "127.0.0.1" } } } },
                    ExecutorPid = 4392,
                    ContainerId = new ContainerID { Value = Guid.NewGuid().ToString() },
                },
            },
        },
    };

    /// <summary>One OFFERS event of <paramref name="count"/> offers, one per agent, numbered from <paramref name="first"/>.</summary>
    public static Event Offers(int count, int first = 0)
    {
        var offers = new Event.Types.Offers();
        for (var i = first; i < first + count; i++)
        {
            offers.Offers_.Add(new Offer
            {
                Id = MesosId.Of<OfferID>($"{MasterId}-O{i}"),
                FrameworkId = MesosId.Of<FrameworkID>($"{MasterId}-0004"),
                AgentId = MesosId.Of<AgentID>($"{MasterId}-S{i}"),
                Hostname = $"agent-{i}.example",
                Url = new URL { Scheme = "http", Address = new Address { Hostname = $"agent-{i}.example", Ip = "10.0.0.7", Port = 5051 }, Path = "/slave(1)" },
                Resources =
                {
                    Scalar("cpus", 8), Scalar("mem", 31744), Scalar("disk", 200_000),
                    new Resource
                    {
                        Name = "ports",
                        Type = Value.Types.Type.Ranges,
                        Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = 31000, End = 31999 }, new Value.Types.Range { Begin = 33000, End = 33999 } } },
                        AllocationInfo = new Resource.Types.AllocationInfo { Role = "*" },
                    },
                },
                Attributes = { new Attribute { Name = "rack", Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = $"r{i % 40}" } } },
                AllocationInfo = new Resource.Types.AllocationInfo { Role = "*" },
            });
        }

        return new Event { Type = Event.Types.Type.Offers, Offers = offers };
    }

    /// <summary>The events framed back to back as one RecordIO stream, as the master writes them.</summary>
    public static byte[] Stream(IEnumerable<IMessage> events, MesosCodec codec)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var evt in events)
        {
            codec.WriteRecord(output, evt);
        }

        return output.WrittenSpan.ToArray();
    }

    private static Resource Scalar(string name, double value) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = "*" },
    };
}
