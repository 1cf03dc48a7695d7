using System.Text;

namespace Mesos.Hosting.Wire;

/// <summary>An ID message of Mesos v1: one string field named <c>value</c>.</summary>
public interface IMesosId
{
    /// <summary>The opaque ID text.</summary>
    string Value { get; set; }
}

/// <summary>Builds Mesos ID messages, and says whether Mesos takes an ID a framework chose.</summary>
public static class MesosId
{
    // NAME_MAX on Linux: the longest file name, in bytes.
    private const int MaxIdBytes = 255;

    /// <summary>An ID message holding <paramref name="value"/>, e.g. <c>MesosId.Of&lt;TaskID&gt;("task-1")</c>.</summary>
    public static T Of<T>(string value)
        where T : class, IMesosId, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new T { Value = value };
    }

    /// <summary>
    /// Why Mesos refuses <paramref name="value"/> as a task, executor, agent or framework ID, in its master's words
    /// (src/common/validation.cpp), or null if it takes it. Agents make directories of these IDs, so Mesos refuses path
    /// separators, control characters, "." and "..", and more than NAME_MAX (255) bytes; a task with such an ID ends
    /// TASK_ERROR.
    /// </summary>
    public static string? Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "ID must not be empty";
        }

        if (Encoding.UTF8.GetByteCount(value) > MaxIdBytes)
        {
            return $"ID must not be greater than {MaxIdBytes} characters";
        }

        if (value is "." or "..")
        {
            return $"'{value}' is disallowed";
        }

        // iscntrl in the C locale: the bytes 0-31 and 127; a UTF-8 sequence's bytes are all 128 or more.
        return value.Any(c => c < 0x20 || c == 0x7f || c == '/' || c == '\\')
            ? $"'{value}' contains invalid characters"
            : null;
    }
}
