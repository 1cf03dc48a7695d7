using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesos.Hosting.Placement;

/// <summary>
/// Where a task may (hard) or would rather (soft) run, over the agent's hostname, its attributes, or
/// its fault domain (<c>@region</c>, <c>@zone</c>): Marathon's constraint language, e.g.
/// <c>hostname:UNIQUE</c>, <c>rack:GROUP_BY:3</c>, <c>gpu:UNLIKE:true</c>. Counting operators (UNIQUE,
/// CLUSTER, GROUP_BY, MAX_PER) count the tasks of the request's group. Immutable; equal when field,
/// operator, value and softness are.
/// </summary>
public sealed class PlacementConstraint : IEquatable<PlacementConstraint>
{
    /// <summary>The field that names the agent's hostname.</summary>
    public const string Hostname = "hostname";

    private PlacementConstraint(string field, ConstraintOperator op, string? value, bool soft, Regex? pattern, int limit)
    {
        Field = field;
        Operator = op;
        Value = value;
        IsSoft = soft;
        Pattern = pattern;
        Limit = limit;
    }

    /// <summary>The field: <c>hostname</c>, <c>@region</c>, <c>@zone</c>, or an attribute's name.</summary>
    public string Field { get; }

    /// <summary>The operator.</summary>
    public ConstraintOperator Operator { get; }

    /// <summary>The operator's parameter (regex, count, value), or null.</summary>
    public string? Value { get; }

    /// <summary>Whether the constraint is only a preference: an agent that breaks it is still used when no agent keeps it.</summary>
    public bool IsSoft { get; }

    internal Regex? Pattern { get; }

    /// <summary>The number of MAX_PER or GROUP_BY (0 when GROUP_BY names none).</summary>
    internal int Limit { get; }

    /// <summary>A constraint, checked now: throws <see cref="ArgumentException"/> naming it when the value does not suit the operator.</summary>
    public static PlacementConstraint Create(string field, ConstraintOperator op, string? value = null, bool soft = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        var text = Describe(field, op, value, soft);
        Regex? pattern = null;
        var limit = 0;
        switch (op)
        {
            case ConstraintOperator.Unique when value is not null:
                throw new ArgumentException($"Constraint '{text}': UNIQUE takes no value.", nameof(value));
            case ConstraintOperator.Like or ConstraintOperator.Unlike:
                pattern = CompilePattern(text, value);
                break;
            case ConstraintOperator.MaxPer:
                limit = PositiveCount(text, value) ?? throw new ArgumentException($"Constraint '{text}': MAX_PER needs a positive count.", nameof(value));
                break;
            case ConstraintOperator.GroupBy:
                limit = PositiveCount(text, value) ?? 0;
                break;
            case ConstraintOperator.Is when string.IsNullOrEmpty(value):
                throw new ArgumentException($"Constraint '{text}': IS needs a value.", nameof(value));
            case ConstraintOperator.In when value is null || !(value.StartsWith('{') || value.StartsWith('[')):
                throw new ArgumentException($"Constraint '{text}': IN needs a set {{a,b}} or ranges [1-5].", nameof(value));
        }

        if (op == ConstraintOperator.In)
        {
            AttributeMatching.CheckInValue(text, value!);
        }

        return new PlacementConstraint(field, op, value, soft, pattern, limit);
    }

    /// <summary>Parses <c>field:OPERATOR[:value]</c> or <c>["field", "OPERATOR", "value"]</c>; a leading <c>~</c> makes it soft.</summary>
    public static PlacementConstraint Parse(string text) => ConstraintText.ParseOne(text);

    /// <summary>Parses a JSON array of constraints (<c>[["rack", "GROUP_BY", "3"], ["hostname", "UNIQUE"]]</c>) or a <c>;</c>-separated list of the colon form.</summary>
    public static IReadOnlyList<PlacementConstraint> ParseAll(string text) => ConstraintText.ParseAll(text);

    /// <summary>UNIQUE over <paramref name="field"/>.</summary>
    public static PlacementConstraint Unique(string field = Hostname, bool soft = false) => Create(field, ConstraintOperator.Unique, null, soft);

    /// <summary>CLUSTER over <paramref name="field"/>, at <paramref name="value"/> or wherever the first task lands.</summary>
    public static PlacementConstraint Cluster(string field, string? value = null, bool soft = false) => Create(field, ConstraintOperator.Cluster, value, soft);

    /// <summary>GROUP_BY over <paramref name="field"/>, across at least <paramref name="groups"/> values when given.</summary>
    public static PlacementConstraint GroupBy(string field, int? groups = null, bool soft = false)
        => Create(field, ConstraintOperator.GroupBy, groups?.ToString(CultureInfo.InvariantCulture), soft);

    /// <summary>LIKE: the value of <paramref name="field"/> matches <paramref name="regex"/> entirely.</summary>
    public static PlacementConstraint Like(string field, string regex, bool soft = false) => Create(field, ConstraintOperator.Like, regex, soft);

    /// <summary>UNLIKE: the value of <paramref name="field"/> does not match <paramref name="regex"/>.</summary>
    public static PlacementConstraint Unlike(string field, string regex, bool soft = false) => Create(field, ConstraintOperator.Unlike, regex, soft);

    /// <summary>MAX_PER: at most <paramref name="count"/> tasks of the group per value of <paramref name="field"/>.</summary>
    public static PlacementConstraint MaxPer(string field, int count, bool soft = false)
        => Create(field, ConstraintOperator.MaxPer, count.ToString(CultureInfo.InvariantCulture), soft);

    /// <summary>IS: the value of <paramref name="field"/> equals <paramref name="value"/>.</summary>
    public static PlacementConstraint Is(string field, string value, bool soft = false) => Create(field, ConstraintOperator.Is, value, soft);

    /// <summary>IN: the value of <paramref name="field"/> lies within <paramref name="values"/> (<c>{a,b}</c> or <c>[1-5]</c>).</summary>
    public static PlacementConstraint In(string field, string values, bool soft = false) => Create(field, ConstraintOperator.In, values, soft);

    /// <inheritdoc/>
    public bool Equals(PlacementConstraint? other)
        => other is not null && Field == other.Field && Operator == other.Operator && Value == other.Value && IsSoft == other.IsSoft;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PlacementConstraint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Field, Operator, Value, IsSoft);

    /// <summary>The colon form: <c>rack:GROUP_BY:3</c>, <c>~zone:LIKE:a</c> when soft.</summary>
    public override string ToString() => Describe(Field, Operator, Value, IsSoft);

    internal static string OperatorName(ConstraintOperator op) => op switch
    {
        ConstraintOperator.GroupBy => "GROUP_BY",
        ConstraintOperator.MaxPer => "MAX_PER",
        _ => op.ToString().ToUpperInvariant(),
    };

    private static string Describe(string field, ConstraintOperator op, string? value, bool soft)
        => (soft ? "~" : string.Empty) + field + ":" + OperatorName(op) + (value is null ? string.Empty : ":" + value);

    private static Regex CompilePattern(string text, string? value)
    {
        if (value is null)
        {
            throw new ArgumentException($"Constraint '{text}': LIKE and UNLIKE need a regular expression.", nameof(value));
        }

        try
        {
            // Marathon matches the whole value, as Java's String.matches does.
            return new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Constraint '{text}': '{value}' is not a regular expression: {e.Message}", nameof(value), e);
        }
    }

    private static int? PositiveCount(string text, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"Constraint '{text}': '{value}' is not a positive count.", nameof(value));
    }
}
