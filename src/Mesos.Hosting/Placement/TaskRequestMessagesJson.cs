using System.Text.Json.Serialization;
using Mesos.Hosting.Placement;

#pragma warning disable IDE0130 // These complete the generated Mesos messages, so they live in the messages' namespace.
namespace Mesos.V1;

/// <summary>In JSON (a <see cref="TaskRequest"/> in the workload store), a task is its protobuf bytes, base64.</summary>
[JsonConverter(typeof(ProtobufBytesJsonConverter<TaskInfo>))]
public sealed partial class TaskInfo;

/// <summary>In JSON (a <see cref="TaskRequest"/> in the workload store), an executor is its protobuf bytes, base64.</summary>
[JsonConverter(typeof(ProtobufBytesJsonConverter<ExecutorInfo>))]
public sealed partial class ExecutorInfo;
