namespace Mesos.Hosting.Wire;

/// <summary>The media types of the Mesos v1 HTTP APIs, exactly as Mesos writes and compares them.</summary>
public static class MesosContentTypes
{
    /// <summary>The binary protobuf encoding.</summary>
    public const string Protobuf = "application/x-protobuf";

    /// <summary>The JSON encoding; never with a charset parameter, which Mesos answers with 415.</summary>
    public const string Json = "application/json";
}
