using Google.Protobuf.Reflection;
using Mesos.V1.Master;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Mesos's <c>master::call::validate</c> (src/master/validation.cpp): the reason an operator call is refused, or null.</summary>
internal static class OperatorCallValidator
{
    private static readonly EnumDescriptor CallTypes = Call.Descriptor.EnumTypes.Single(e => e.Name == "Type");

    public static string? Validate(Call call)
    {
        if (!call.HasType)
        {
            return "Expecting 'type' to be present";
        }

        // Every call that carries a payload names it after itself (TEARDOWN → teardown), and Mesos requires it.
        var payload = CallTypes.FindValueByNumber((int)call.Type).Name.ToLowerInvariant();
        return Call.Descriptor.FindFieldByName(payload) is { } field && !field.Accessor.HasValue(call)
            ? $"Expecting '{payload}' to be present"
            : null;
    }
}
