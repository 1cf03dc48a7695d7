using System.Globalization;
using System.Text;
using Mesos.V1;

namespace Mesos.Hosting.Resources;

/// <summary>Resources and values written the way Mesos logs them: <c>cpus(reservations: [(STATIC,web)]):0.5</c>, <c>ports:[31000-31005]</c>.</summary>
internal static class ResourceText
{
    public static string Format(Resource resource)
    {
        var text = new StringBuilder(resource.Name);
        if (resource.AllocationInfo is not null)
        {
            text.Append("(allocated: ").Append(resource.AllocationInfo.Role).Append(')');
        }

        var reservations = ResourceFormat.Reservations(resource);
        if (reservations.Count > 0)
        {
            text.Append("(reservations: [").AppendJoin(",", reservations.Select(r => $"({FormatReservation(r)})")).Append("])");
        }

        if (resource.Disk is not null)
        {
            text.Append('[').Append(FormatDisk(resource.Disk)).Append(']');
        }

        if (resource.Revocable is not null)
        {
            text.Append("{REV}");
        }

        if (resource.Shared is not null)
        {
            text.Append("<SHARED>");
        }

        return text.Append(':').Append(FormatValue(resource)).ToString();
    }

    public static string FormatValue(Resource resource) => resource.Type switch
    {
        Value.Types.Type.Scalar when resource.Scalar is not null => FormatScalar(resource.Scalar.Value),
        Value.Types.Type.Ranges when resource.Ranges is not null => FormatRanges(resource.Ranges),
        Value.Types.Type.Set when resource.Set is not null => FormatSet(resource.Set),
        _ => "?",
    };

    public static string FormatScalar(double value)
        => double.IsFinite(value) ? FixedPoint.Round(value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    public static string FormatRanges(Value.Types.Ranges ranges)
        => "[" + string.Join(",", ranges.Range.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Begin}-{r.End}"))) + "]";

    public static string FormatSet(Value.Types.Set set) => "{" + string.Join(",", set.Item) + "}";

    /// <summary>An attribute's value as Marathon compares it: text as is, scalars, <c>[b-e,...]</c>, <c>{a,...}</c>.</summary>
    public static string FormatAttribute(V1.Attribute attribute) => attribute.Type switch
    {
        Value.Types.Type.Text => attribute.Text?.Value ?? string.Empty,
        Value.Types.Type.Scalar => FormatScalar(attribute.Scalar?.Value ?? 0),
        Value.Types.Type.Ranges => FormatRanges(attribute.Ranges ?? new Value.Types.Ranges()),
        Value.Types.Type.Set => FormatSet(attribute.Set ?? new Value.Types.Set()),
        _ => string.Empty,
    };

    private static string FormatReservation(Resource.Types.ReservationInfo reservation)
    {
        var text = new StringBuilder(reservation.Type.ToString().ToUpperInvariant()).Append(',').Append(reservation.Role);
        if (reservation.HasPrincipal)
        {
            text.Append(',').Append(reservation.Principal);
        }

        if (reservation.Labels is not null)
        {
            text.Append(",{").AppendJoin(", ", reservation.Labels.Labels_.Select(l => l.HasValue ? $"{l.Key}: {l.Value}" : l.Key)).Append('}');
        }

        return text.ToString();
    }

    private static string FormatDisk(Resource.Types.DiskInfo disk)
    {
        var parts = new List<string>(2);
        if (disk.Source is not null)
        {
            var root = disk.Source.Path?.Root ?? disk.Source.Mount?.Root;
            parts.Add(disk.Source.Type.ToString().ToUpperInvariant() + (string.IsNullOrEmpty(root) ? string.Empty : ":" + root));
        }

        if (disk.Persistence is not null)
        {
            parts.Add(disk.Persistence.Id);
        }

        return string.Join(",", parts);
    }
}
