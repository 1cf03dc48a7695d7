using System.Text;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// Mesos's rules for the IDs a framework chooses (task and executor IDs), as src/common/validation.cpp has them: agents
/// make directories of them, so no path separators, no control characters and no "." or "..", and at most NAME_MAX
/// bytes. The reason an ID is refused, in Mesos's words, or null.
/// </summary>
internal static class MesosIdRules
{
    // NAME_MAX on Linux: the longest file name, in bytes.
    private const int MaxBytes = 255;

    public static string? Check(string id)
    {
        if (id.Length == 0)
        {
            return "ID must not be empty";
        }

        if (Encoding.UTF8.GetByteCount(id) > MaxBytes)
        {
            return $"ID must not be greater than {MaxBytes} characters";
        }

        if (id is "." or "..")
        {
            return $"'{id}' is disallowed";
        }

        // iscntrl in the C locale: the bytes 0-31 and 127; a UTF-8 sequence's bytes are all 128 or more.
        return id.Any(c => c < 0x20 || c == 0x7f || c == '/' || c == '\\')
            ? $"'{id}' contains invalid characters"
            : null;
    }
}
