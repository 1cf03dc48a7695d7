namespace Mesos.Hosting.Wire;

/// <summary>An ID message of Mesos v1: one string field named <c>value</c>.</summary>
public interface IMesosId
{
    /// <summary>The opaque ID text.</summary>
    string Value { get; set; }
}

/// <summary>Builds Mesos ID messages.</summary>
public static class MesosId
{
    /// <summary>An ID message holding <paramref name="value"/>, e.g. <c>MesosId.Of&lt;TaskID&gt;("task-1")</c>.</summary>
    public static T Of<T>(string value)
        where T : class, IMesosId, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new T { Value = value };
    }
}
