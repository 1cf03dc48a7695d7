namespace Mesos.Hosting.Operator;

/// <summary>
/// What the answer to a reading call must be: an answer of the call's own type (Mesos names each answer type after
/// its call), carrying the payload that type names.
/// </summary>
internal static class ExpectedAnswer
{
    /// <param name="peer">Who answered, for the message.</param>
    /// <param name="callType">The call, e.g. GET_STATE.</param>
    /// <param name="answeredType">The answer's type, by Mesos's name; null for an empty body.</param>
    /// <param name="payload">The answer's field for <paramref name="callType"/>, when set.</param>
    public static T Of<T>(string peer, string callType, string? answeredType, T? payload)
        where T : class
    {
        if (answeredType is null)
        {
            throw new MesosProtocolException($"{peer} answered {callType} with an empty body.");
        }

        if (answeredType != callType)
        {
            throw new MesosProtocolException($"{peer} answered {callType} with a {answeredType} answer.");
        }

        return payload ?? throw new MesosProtocolException($"{peer} answered {callType} without its {callType.ToLowerInvariant()} field.");
    }
}
