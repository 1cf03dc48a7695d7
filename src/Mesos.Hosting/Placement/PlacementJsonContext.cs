using System.Text.Json.Serialization;

namespace Mesos.Hosting.Placement;

/// <summary>The JSON that constraint text reads, by generated code: no reflection, so it works trimmed and NativeAOT.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class PlacementJsonContext : JsonSerializerContext;
