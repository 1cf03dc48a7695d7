using System.Globalization;

namespace Mesos.Hosting.Wire;

/// <summary>An ID message of Mesos v1: one string field named <c>value</c>.</summary>
public interface IMesosId
{
    /// <summary>The opaque ID text.</summary>
    string Value { get; set; }
}

/// <summary>Builds Mesos ID messages and the ID texts a Mesos master assigns.</summary>
public static class MesosId
{
    /// <summary>An ID message holding <paramref name="value"/>, e.g. <c>MesosId.Of&lt;TaskID&gt;("task-1")</c>.</summary>
    public static T Of<T>(string value)
        where T : class, IMesosId, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new T { Value = value };
    }

    /// <summary>A framework ID as a master assigns it: <c>&lt;master ID&gt;-NNNN</c>.</summary>
    public static string FrameworkText(string masterId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{masterId}-{sequence:D4}");

    /// <summary>An agent ID as a master assigns it: <c>&lt;master ID&gt;-S&lt;n&gt;</c>.</summary>
    public static string AgentText(string masterId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{masterId}-S{sequence}");

    /// <summary>An offer ID as a master assigns it: <c>&lt;master ID&gt;-O&lt;n&gt;</c>.</summary>
    public static string OfferText(string masterId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{masterId}-O{sequence}");
}
