using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>
/// One resource in a <see cref="ResourceSet"/>, normalized to the post-refinement format. A shared
/// resource is held once with a count of how many times it was added, as Mesos does.
/// </summary>
internal readonly record struct ResourceEntry(Resource Resource, int SharedCount)
{
    public static ResourceEntry Of(Resource normalized) => new(normalized, normalized.Shared is null ? 0 : 1);

    public bool IsShared => Resource.Shared is not null;

    public bool IsEmpty => IsShared ? SharedCount == 0 : ResourceArithmetic.IsEmpty(Resource);
}
