using Mesos.Hosting.Wire;
using Mesos.V1;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// The data of a master's <c>json.info_</c> node: its MasterInfo in JSON with proto field names, as a Mesos
/// master writes it. Fields this SDK does not know are ignored, as for every JSON Mesos sends.
/// </summary>
internal static class MasterInfoJson
{
    /// <summary>The group label of masters that publish JSON (older masters used <c>info</c>, binary protobuf).</summary>
    public const string Label = "json.info";

    /// <summary>Reads the MasterInfo in the data of <paramref name="nodePath"/>; malformed data throws <see cref="InvalidDataException"/> naming the node.</summary>
    public static MasterInfo Parse(ReadOnlyMemory<byte> data, string nodePath)
    {
        try
        {
            return MesosCodec.Json.Decode<MasterInfo>(data);
        }
        catch (MesosDecodeException ex)
        {
            throw new InvalidDataException($"The ZooKeeper node {nodePath} does not hold a master's MasterInfo in JSON: {ex.Detail}", ex);
        }
    }

    /// <summary>What a master writes into its node.</summary>
    public static byte[] Write(MasterInfo master) => MesosCodec.Json.Encode(master);
}
