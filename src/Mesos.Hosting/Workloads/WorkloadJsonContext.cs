using System.Text.Json.Serialization;
using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// The workloads' stored encoding: JSON, enums by name, read and written without reflection. A work's
/// <see cref="TaskRequest"/> is stored as it is, its Mesos messages as protobuf bytes and its constraints as text.
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(PlacementConstraintJsonConverter)])]
[JsonSerializable(typeof(Work))]
[JsonSerializable(typeof(Attempt))]
[JsonSerializable(typeof(TaskRequest))]
internal sealed partial class WorkloadJsonContext : JsonSerializerContext;
