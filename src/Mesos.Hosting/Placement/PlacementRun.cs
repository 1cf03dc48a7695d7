using Mesos.V1;

namespace Mesos.Hosting.Placement;

/// <summary>
/// One match: the requests taken in order, each placed on the best slot its constraints allow, the slot's
/// resources carved as it goes. Pure: everything it changes it made itself.
/// </summary>
internal sealed class PlacementRun
{
    /// <summary>
    /// How many offers past the best-fitting one a request with unmet soft constraints looks at for one
    /// that keeps more of them: soft constraints steer among the good fits rather than make every
    /// request scan every offer.
    /// </summary>
    internal const int SoftSearchDepth = 64;

    private static readonly List<ulong> NoPorts = [];

    private readonly AgentTable _table;
    private readonly IReadOnlyList<TaskRequest> _requests;
    private readonly ConstraintPlan[] _plans;
    private readonly Demand[] _demands;
    private readonly Demand[] _overheads;
    private readonly SlotOrder _order;
    private readonly Demand _smallest;
    private readonly Dictionary<FailureKey, (string Reason, int Placements, bool Volatile)> _failures = [];
    private readonly List<PendingRequest> _pending = [];
    private readonly OfferSlot[] _slots;
    private int _placements;

    public PlacementRun(IReadOnlyList<Offer> offers, IReadOnlyList<TaskRequest> requests, IEnumerable<TaskPlacement> running)
    {
        _table = AgentTable.Build(offers);
        _requests = requests;
        var compiler = new ConstraintCompiler(_table.Agents);
        _plans = new ConstraintPlan[requests.Count];
        _demands = new Demand[requests.Count];
        _overheads = new Demand[requests.Count];
        var smallest = new Demand(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue, int.MaxValue);
        for (var i = 0; i < requests.Count; i++)
        {
            _plans[i] = compiler.PlanFor(requests[i]);
            _demands[i] = Demand.Of(requests[i]);
            _overheads[i] = requests[i].Executor is { } executor ? Demand.Of(executor) : default;
            smallest = Smaller(smallest, _demands[i]);
        }

        compiler.RecordRunning(running);
        _smallest = smallest;
        _order = new SlotOrder(_table.Slots);
        _slots = [.. _table.Slots];
    }

    public PlacementResult Run()
    {
        for (var i = 0; i < _requests.Count; i++)
        {
            var request = _requests[i];
            var plan = _plans[i];
            var roleId = request.Role is null ? -1 : _table.RoleIdOf(request.Role);
            var key = new FailureKey(plan.FailureScope, _demands[i], roleId, request.ReservedOnly, request.Executor?.ExecutorId?.Value);
            if (_failures.TryGetValue(key, out var failure) && (!failure.Volatile || failure.Placements == _placements))
            {
                _pending.Add(new PendingRequest(request, failure.Reason));
                continue;
            }

            var slot = Choose(i, roleId);
            if (slot >= 0)
            {
                Place(i, slot);
                continue;
            }

            var reason = PendingReasons.Explain(_table, request, roleId, plan, s => Need(i, s));
            // A reason stays true while places only fill up, unless GROUP_BY's minimum or a newly placed executor can open one.
            _failures[key] = (reason, _placements, plan.MayLoosen || request.Executor is not null);
            _pending.Add(new PendingRequest(request, reason));
        }

        return Result();
    }

    private int Choose(int i, int roleId)
    {
        var request = _requests[i];
        var plan = _plans[i];
        var (demand, reservedOnly, fitness, anyRole) = (_demands[i], request.ReservedOnly, request.Fitness, request.Role is null);
        var mask = plan.Mask;
        var (best, bestScore, lastLook) = (-1, -1, int.MaxValue);
        for (var k = 0; k < _order.Count && k <= lastLook; k++)
        {
            var s = _order.At(k, fitness);
            var slot = _slots[s];
            if ((!anyRole && slot.Role is not null && slot.RoleId != roleId)
                || (mask is not null && !mask[slot.Agent])
                || !slot.Resources.Fits(request.Executor is null ? demand : Need(i, slot), reservedOnly)
                || !plan.AllowsCounting(slot.Agent))
            {
                continue;
            }

            if (plan.Soft.Length == 0)
            {
                return s;
            }

            var score = plan.SoftScore(slot.Agent);
            if (score == plan.Soft.Length)
            {
                return s;
            }

            if (score > bestScore)
            {
                (best, bestScore) = (s, score);
                lastLook = Math.Min(lastLook, k + SoftSearchDepth);
            }
        }

        return best;
    }

    private Demand Need(int i, OfferSlot slot) => ChargesExecutor(i, slot) ? _demands[i].Plus(_overheads[i]) : _demands[i];

    private bool ChargesExecutor(int i, OfferSlot slot)
        => _requests[i].Executor is { } executor && !_table.HasExecutor(slot.Agent, AgentTable.ExecutorKey(executor));

    private void Place(int i, int s)
    {
        var request = _requests[i];
        var slot = _slots[s];
        var agent = _table.Agents[slot.Agent];
        var chargeExecutor = ChargesExecutor(i, slot);
        var startedHere = request.Executor is null || chargeExecutor ? null : _table.StartedExecutor(slot.Agent, request.Executor);
        var task = TaskBuilder.Build(request, agent.AgentId, chargeExecutor, slot.Role, startedHere);
        var ports = request.Ports == 0 && !chargeExecutor ? NoPorts : new List<ulong>(request.Ports);
        slot.Resources.Take(_demands[i], request.ReservedOnly, task.Resources, ports);
        if (chargeExecutor)
        {
            slot.Resources.Take(_overheads[i], request.ReservedOnly, task.Executor.Resources, ports);
            _table.AddExecutor(slot.Agent, task.Executor);
        }

        var placement = new TaskPlacement(request.Group, request.Id, agent.Hostname, agent.Attributes, agent.Domain);
        slot.Placed.Add(new PlacedTask(request, task, ports, placement));
        _plans[i].Group.RecordPlacement(slot.Agent);
        _placements++;
        _order.Update(s, slot.Resources, Exhausted(slot.Resources));
    }

    private bool Exhausted(SlotResources resources)
    {
        for (var d = 0; d < Demand.Scalars; d++)
        {
            if (resources.Free(d) < _smallest.Scalar(d))
            {
                return true;
            }
        }

        return resources.FreePorts < _smallest.Ports;
    }

    private PlacementResult Result()
    {
        var launches = new List<OfferLaunch>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in _table.Slots.Where(s => s.Placed.Count > 0))
        {
            var agent = _table.Agents[slot.Agent];
            launches.Add(new OfferLaunch(agent.AgentId, agent.Hostname, slot.Role, slot.Offers.Select(o => o.Id).ToList(), slot.Placed));
            used.UnionWith(slot.Offers.Select(o => o.Id.Value));
        }

        var declines = _table.Slots.SelectMany(s => s.Offers).Where(o => !used.Contains(o.Id.Value)).ToList();
        return new PlacementResult(launches, declines, _pending);
    }

    private static Demand Smaller(Demand a, Demand b)
        => new(Math.Min(a.Cpus, b.Cpus), Math.Min(a.Mem, b.Mem), Math.Min(a.Disk, b.Disk), Math.Min(a.Gpus, b.Gpus), Math.Min(a.Ports, b.Ports));

    private readonly record struct FailureKey(int Scope, Demand Demand, int Role, bool ReservedOnly, string? Executor);
}
