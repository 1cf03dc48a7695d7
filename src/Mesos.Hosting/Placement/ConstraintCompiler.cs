using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// Compiles each request's constraints once per distinct (group, constraint list): fields are resolved
/// per agent once, static constraints become masks evaluated once per distinct value, counting ones get
/// their group's counts.
/// </summary>
internal sealed class ConstraintCompiler(IReadOnlyList<Offer> agents)
{
    private readonly Dictionary<string, FieldValues> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, IReadOnlyList<PlacementConstraint> Constraints), ConstraintPlan> _plans = new(new ConstraintListComparer.WithGroup());
    private readonly Dictionary<IReadOnlyList<PlacementConstraint>, int> _scopes = new(new ConstraintListComparer());
    private readonly Dictionary<PlacementConstraint, StaticCheck> _static = [];
    private ConstraintPlan? _last;
    private TaskRequest? _lastRequest;

    public ConstraintPlan PlanFor(TaskRequest request)
    {
        // The requests of one app usually come together and share one constraint list.
        if (_last is not null && ReferenceEquals(request.Constraints, _lastRequest!.Constraints) && request.Group == _lastRequest.Group)
        {
            _lastRequest = request;
            return _last;
        }

        _lastRequest = request;
        if (_plans.TryGetValue((request.Group, request.Constraints), out var plan))
        {
            return _last = plan;
        }

        var group = GroupOf(request.Group);
        var hard = new List<AgentCheck>();
        var soft = new List<AgentCheck>();
        bool[]? mask = null;
        foreach (var constraint in request.Constraints.Where(c => IsStatic(c)))
        {
            var check = StaticFor(constraint);
            (constraint.IsSoft ? soft : hard).Add(check);
            if (!constraint.IsSoft)
            {
                mask = mask is null ? (bool[])check.Mask.Clone() : And(mask, check.Mask);
            }
        }

        foreach (var constraint in request.Constraints.Where(c => !IsStatic(c)))
        {
            var counts = group.CountsFor(FieldOf(constraint.Field));
            AgentCheck check = constraint.Operator switch
            {
                ConstraintOperator.Unique => new UniqueCheck(constraint, counts),
                ConstraintOperator.MaxPer => new MaxPerCheck(constraint, counts),
                ConstraintOperator.Cluster => new ClusterCheck(constraint, counts),
                _ => new GroupByCheck(constraint, counts, mask),
            };
            (constraint.IsSoft ? soft : hard).Add(check);
        }

        // Without counting constraints, where a request can go does not depend on its group, so requests
        // of every group with the same constraints share what was learnt about where they cannot go.
        var scope = _plans.Count;
        if (hard.TrueForAll(c => c is StaticCheck))
        {
            scope = -1 - _scopes.Count;
            if (!_scopes.TryAdd(request.Constraints, scope))
            {
                scope = _scopes[request.Constraints];
            }
        }

        plan = new ConstraintPlan(scope, group, mask, [.. hard], [.. soft]);
        _plans.Add((request.Group, request.Constraints), plan);
        return _last = plan;
    }

    /// <summary>Counts the running tasks of every group some request belongs to.</summary>
    public void RecordRunning(IEnumerable<TaskPlacement> running)
    {
        foreach (var placement in running)
        {
            if (_groups.TryGetValue(placement.Group, out var group))
            {
                group.RecordRunning(placement);
            }
        }
    }

    private static bool IsStatic(PlacementConstraint constraint) => constraint.Operator switch
    {
        ConstraintOperator.Like or ConstraintOperator.Unlike or ConstraintOperator.Is or ConstraintOperator.In => true,
        ConstraintOperator.Cluster => constraint.Value is not null,
        _ => false,
    };

    private static bool[] And(bool[] left, bool[] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            left[i] &= right[i];
        }

        return left;
    }

    private GroupState GroupOf(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            group = new GroupState(name);
            _groups.Add(name, group);
        }

        return group;
    }

    private FieldValues FieldOf(string field)
    {
        if (!_fields.TryGetValue(field, out var values))
        {
            values = new FieldValues(field, agents);
            _fields.Add(field, values);
        }

        return values;
    }

    private StaticCheck StaticFor(PlacementConstraint constraint)
    {
        var key = constraint.IsSoft ? PlacementConstraint.Create(constraint.Field, constraint.Operator, constraint.Value) : constraint;
        if (_static.TryGetValue(key, out var check))
        {
            return check;
        }

        var field = FieldOf(constraint.Field);
        var byValue = new bool?[field.Count];
        var mask = new bool[agents.Count];
        for (var agent = 0; agent < mask.Length; agent++)
        {
            var value = field.ByAgent[agent];
            if (value < 0)
            {
                mask[agent] = constraint.Operator == ConstraintOperator.Unlike;
                continue;
            }

            byValue[value] ??= Matches(constraint, field.Typed[agent]!, field.Text(value));
            mask[agent] = byValue[value]!.Value;
        }

        check = new StaticCheck(key, mask);
        _static.Add(key, check);
        return check;
    }

    private static bool Matches(PlacementConstraint constraint, V1.Attribute value, string text) => constraint.Operator switch
    {
        ConstraintOperator.Like => constraint.Pattern!.IsMatch(text),
        ConstraintOperator.Unlike => !constraint.Pattern!.IsMatch(text),
        ConstraintOperator.In => AttributeMatching.In(value, constraint.Value!),
        _ => AttributeMatching.Is(value, constraint.Value!),
    };
}
