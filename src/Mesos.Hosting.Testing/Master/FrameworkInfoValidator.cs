using System.Globalization;
using Mesos.V1;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Mesos's checks of a FrameworkInfo (src/master/validation.cpp, master.cpp): the reason it is refused, or null.</summary>
internal static class FrameworkInfoValidator
{
    public static string? Validate(FrameworkInfo info, IReadOnlyCollection<string>? allowedRoles)
    {
        var multiRole = FrameworkCapabilities.Has(info, FrameworkInfo.Types.Capability.Types.Type.MultiRole);
        if (multiRole && info.HasRole)
        {
            return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
        }

        if (!multiRole && info.Roles.Count > 0)
        {
            return "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable";
        }

        var roles = FrameworkCapabilities.Roles(info);
        if (roles.Distinct(StringComparer.Ordinal).Count() != roles.Count)
        {
            return "'FrameworkInfo.roles' contains duplicate items";
        }

        foreach (var role in roles)
        {
            if (InvalidRole(role) is { } reason)
            {
                return $"Role '{role}' is invalid: {reason}";
            }
        }

        if (allowedRoles is not null && roles.Where(r => r != "*" && !allowedRoles.Contains(r)).ToList() is { Count: > 0 } unknown)
        {
            return $"Roles {{ {string.Join(", ", unknown)} }} are not present in the master's --roles";
        }

        if (info.HasFailoverTimeout && (!double.IsFinite(info.FailoverTimeout) || info.FailoverTimeout < 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"The framework failover_timeout ({info.FailoverTimeout}) is invalid");
        }

        return null;
    }

    public static string? ValidateSuppressedRoles(IEnumerable<string> suppressed, IReadOnlyList<string> roles)
    {
        var outside = suppressed.Where(r => !roles.Contains(r)).ToList();
        return outside.Count == 0 ? null : $"Suppressed roles {{ {string.Join(", ", outside)} }} are not contained in the set of roles";
    }

    private static string? InvalidRole(string role) => role switch
    {
        "" => "Empty role name is invalid",
        "." or ".." => $"Role name '{role}' is disallowed",
        _ when role.StartsWith('-') => "Role name must not start with '-'",
        _ when role.StartsWith('/') || role.EndsWith('/') || role.Contains("//", StringComparison.Ordinal) => "Role name must not start or end with '/' or contain '//'",
        _ when role.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "Role name must not contain whitespace or control characters",
        _ when role != "*" && role.Contains('*', StringComparison.Ordinal) => "Role name must not contain '*'",
        _ => null,
    };
}
