using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesos.Hosting.Workloads;

/// <summary>Attempt task IDs, <c>{name}.attempt-{N}.{8 hex}</c>: readable, linked to their work, and never reused.</summary>
internal static partial class TaskIds
{
    /// <summary>The longest workload name: leaves room for the attempt suffix within what tools show comfortably.</summary>
    public const int MaxNameLength = 100;

    /// <summary>A new task ID for attempt <paramref name="number"/> of <paramref name="name"/>; the random part keeps a restarted attempt count from reusing an ID.</summary>
    public static string For(string name, int number)
        => string.Create(CultureInfo.InvariantCulture, $"{name}.attempt-{number}.{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Throws naming the field when <paramref name="name"/> cannot start a Mesos task ID.</summary>
    public static void CheckName(string? name, string field)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"{field} '{name}' must be 1 to {MaxNameLength} letters, digits, '-', '_' or '.', starting with a letter or digit.", field);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();
}
