namespace Mesos.Hosting;

/// <summary>Why a payload did not decode; each maps onto one of Mesos's own error phrasings.</summary>
public enum MesosDecodeFailure
{
    /// <summary>Not a protobuf encoding at all (Mesos: "Failed to parse body into ... protobuf").</summary>
    NotProtobuf,

    /// <summary>Not JSON at all (Mesos: "Failed to parse body into JSON").</summary>
    NotJson,

    /// <summary>JSON whose shape does not fit the message (Mesos: "Failed to convert JSON into ... protobuf").</summary>
    JsonDoesNotFitMessage,

    /// <summary>A well-formed message without all of its proto2 required fields.</summary>
    MissingRequiredFields,
}
