using Mesos.Hosting.Testing.Observation;
using Mesos.V1.Scheduler;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>Calls the cluster has been told to delay or to drop (the connection closes unanswered, the call unprocessed).</summary>
internal sealed class MasterFaults(TimeProvider time, ClusterJournal journal)
{
    private readonly object _sync = new();
    private readonly List<Rule> _rules = [];

    public void Delay(TimeSpan delay, Func<Call, bool>? which, int count) => Add(new Rule(which, count, delay));

    public void Drop(Func<Call, bool>? which, int count) => Add(new Rule(which, count, null));

    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
        }
    }

    /// <summary>Applies the first rule matching <paramref name="call"/>; true when the call was dropped.</summary>
    public async Task<bool> InterceptAsync(HttpContext context, Call call)
    {
        Rule? rule;
        lock (_sync)
        {
            rule = _rules.FirstOrDefault(r => r.Which?.Invoke(call) ?? true);
            if (rule is not null && --rule.Remaining == 0)
            {
                _rules.Remove(rule);
            }
        }

        if (rule is null)
        {
            return false;
        }

        if (rule.Delay is not { } delay)
        {
            context.Abort();
            return true;
        }

        // The hold is journalled once its timer runs, so that a test that then moves the clock moves it past the hold.
        var holding = Task.Delay(delay, time, context.RequestAborted);
        journal.Record(new ObservedHeldCall(call, delay, journal.Now));
        await holding.ConfigureAwait(false);
        return false;
    }

    private void Add(Rule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Remaining);
        lock (_sync)
        {
            _rules.Add(rule);
        }
    }

    private sealed class Rule(Func<Call, bool>? which, int remaining, TimeSpan? delay)
    {
        public Func<Call, bool>? Which { get; } = which;

        public int Remaining { get; set; } = remaining;

        public TimeSpan? Delay { get; } = delay;
    }
}
