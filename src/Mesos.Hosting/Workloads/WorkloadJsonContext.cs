using System.Text.Json.Serialization;

namespace Mesos.Hosting.Workloads;

/// <summary>The workloads' stored encoding: JSON, enums by name, read and written without reflection.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Work))]
[JsonSerializable(typeof(Attempt))]
internal sealed partial class WorkloadJsonContext : JsonSerializerContext;
