using System.Globalization;
using System.Text.Json.Nodes;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>
/// Mesos (stout) reads google.protobuf.Duration in JSON as the message it is, {"seconds": n, "nanos": n};
/// Google.Protobuf's parser wants "1.5s". The fake endpoint turns the first into the second before decoding.
/// </summary>
internal static class StoutJson
{
    public static string DurationsAsText(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject call || call["drain_agent"]?["max_grace_period"] is not JsonObject duration)
        {
            return json;
        }

        var seconds = duration["seconds"]?.GetValue<long>() ?? 0;
        var nanos = duration["nanos"]?.GetValue<int>() ?? 0;
        call["drain_agent"]!["max_grace_period"] = string.Create(CultureInfo.InvariantCulture, $"{seconds}.{nanos:D9}s");
        return call.ToJsonString();
    }
}
