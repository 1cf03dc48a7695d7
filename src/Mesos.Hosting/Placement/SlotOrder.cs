namespace Mesos.Hosting.Placement;

/// <summary>
/// The slots that can still take a task, sorted by how much they have left (the sum over cpus, mem and
/// disk of what is free over the most any slot offered), least first, ties by offer order. Bin-pack
/// walks it from the front, spread from the back; a placement only ever lowers a slot's key, so it moves
/// towards the front by one shift of the array.
/// </summary>
internal sealed class SlotOrder
{
    private readonly int[] _order;
    private readonly int[] _position;
    private readonly double[] _key;
    private readonly double[] _scale = new double[3];
    private int _count;

    public SlotOrder(List<OfferSlot> slots)
    {
        _order = new int[slots.Count];
        _position = new int[slots.Count];
        _key = new double[slots.Count];
        foreach (var slot in slots)
        {
            for (var d = 0; d < _scale.Length; d++)
            {
                _scale[d] = Math.Max(_scale[d], slot.Resources.Free(d));
            }
        }

        for (var s = 0; s < slots.Count; s++)
        {
            _key[s] = KeyOf(slots[s].Resources);
            _order[s] = s;
        }

        Array.Sort(_order, Compare);
        _count = slots.Count;
        for (var i = 0; i < _count; i++)
        {
            _position[_order[i]] = i;
        }
    }

    public int Count => _count;

    /// <summary>The slot at <paramref name="index"/> from the front (bin-pack) or from the back (spread).</summary>
    public int At(int index, Fitness fitness) => _order[fitness == Fitness.BinPack ? index : _count - 1 - index];

    /// <summary>Re-sorts <paramref name="slot"/> after a placement, or drops it when it has become too small for any request.</summary>
    public void Update(int slot, SlotResources resources, bool exhausted)
    {
        var position = _position[slot];
        if (exhausted)
        {
            Array.Copy(_order, position + 1, _order, position, _count - position - 1);
            _count--;
            for (var i = position; i < _count; i++)
            {
                _position[_order[i]] = i;
            }

            return;
        }

        _key[slot] = KeyOf(resources);
        var (low, high) = (0, position);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Compare(slot, _order[middle]) < 0)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var target = low;

        if (target == position)
        {
            return;
        }

        Array.Copy(_order, target, _order, target + 1, position - target);
        _order[target] = slot;
        for (var i = target; i <= position; i++)
        {
            _position[_order[i]] = i;
        }
    }

    private int Compare(int left, int right)
    {
        var byKey = _key[left].CompareTo(_key[right]);
        return byKey != 0 ? byKey : left.CompareTo(right);
    }

    private double KeyOf(SlotResources resources)
    {
        var key = 0.0;
        for (var d = 0; d < _scale.Length; d++)
        {
            key += _scale[d] > 0 ? resources.Free(d) / _scale[d] : 0;
        }

        return key;
    }
}
