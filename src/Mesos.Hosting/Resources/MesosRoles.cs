using System.Buffers;

namespace Mesos.Hosting.Resources;

/// <summary>Mesos's role names: <c>*</c>, or a path of components such as <c>eng/web</c>.</summary>
public static class MesosRoles
{
    /// <summary>The role of unreserved resources and of frameworks that name none.</summary>
    public const string Any = "*";

    private static readonly SearchValues<char> WhitespaceOrDelete = SearchValues.Create("\t\n\v\f\r \x7f");

    /// <summary>Why <paramref name="role"/> is not a valid role name, or null when it is.</summary>
    public static string? Validate(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role == Any)
        {
            return null;
        }

        if (role.Length == 0)
        {
            return "Role names cannot be the empty string";
        }

        if (role.StartsWith('/') || role.EndsWith('/') || role.Contains("//", StringComparison.Ordinal))
        {
            return $"Role '{role}' cannot start or end with a slash, nor contain two adjacent slashes";
        }

        foreach (var component in role.Split('/'))
        {
            if (component is "." or ".." or "*")
            {
                return $"Role '{role}' cannot include '{component}' as a component";
            }

            if (component.StartsWith('-'))
            {
                return $"Role component '{component}' is invalid because it starts with a dash";
            }

            if (component.AsSpan().IndexOfAny(WhitespaceOrDelete) >= 0)
            {
                return $"Role component '{component}' is invalid because it contains backspace or whitespace";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="role"/> is below <paramref name="ancestor"/> in the hierarchy (<c>a/b</c> under <c>a</c>, not <c>a</c> itself).</summary>
    public static bool IsStrictSubroleOf(string role, string ancestor)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(ancestor);
        return role.Length > ancestor.Length && role[ancestor.Length] == '/' && role.StartsWith(ancestor, StringComparison.Ordinal);
    }
}
