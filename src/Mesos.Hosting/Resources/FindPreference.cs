using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// The order in which Mesos's <c>Resources::find</c> looks: first what is reserved to the wanted role,
/// then what is unreserved, then anything else the offer holds (reservations to the role's ancestors).
/// </summary>
internal static class FindPreference
{
    public const int Tiers = 3;

    /// <summary>0 for reserved to <paramref name="role"/>, 1 for unreserved, 2 for the rest.</summary>
    public static int Tier(Resource resource, string? role)
    {
        var count = resource.Reservations.Count;
        if (count == 0)
        {
            return 1;
        }

        return role is not null && resource.Reservations[count - 1].Role == role ? 0 : 2;
    }
}
