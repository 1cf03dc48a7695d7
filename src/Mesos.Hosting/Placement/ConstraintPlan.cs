namespace Mesos.Hosting.Placement;

/// <summary>The constraints of one group's requests, compiled: one mask for the static hard ones, then the counting ones, then the soft ones.</summary>
internal sealed class ConstraintPlan(int failureScope, GroupState group, bool[]? mask, AgentCheck[] hard, AgentCheck[] soft)
{
    /// <summary>Plans with the same scope refuse the same places: one group's plan, or every plan of one purely static constraint list.</summary>
    public int FailureScope { get; } = failureScope;

    public GroupState Group { get; } = group;

    /// <summary>Agents every static hard constraint allows; null when there are none.</summary>
    public bool[]? Mask { get; } = mask;

    /// <summary>Every hard constraint, the static ones first (all of them, for the pending reason).</summary>
    public AgentCheck[] Hard { get; } = hard;

    /// <summary>The hard constraints that depend on what is placed.</summary>
    public AgentCheck[] Counting { get; } = hard.Where(c => c is not StaticCheck).ToArray();

    public AgentCheck[] Soft { get; } = soft;

    /// <summary>Whether a place refused now may be allowed after more tasks of the group are placed (GROUP_BY moves its minimum).</summary>
    public bool MayLoosen { get; } = hard.Any(c => c is GroupByCheck);

    public bool AllowsCounting(int agent)
    {
        foreach (var check in Counting)
        {
            if (!check.Allows(agent))
            {
                return false;
            }
        }

        return true;
    }

    public int SoftScore(int agent)
    {
        var score = 0;
        foreach (var check in Soft)
        {
            score += check.Allows(agent) ? 1 : 0;
        }

        return score;
    }
}
