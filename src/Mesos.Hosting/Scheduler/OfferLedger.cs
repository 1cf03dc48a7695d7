using Mesos.V1;

namespace Mesos.Hosting.Scheduler;

/// <summary>Offers the framework holds: made on the live stream and neither accepted, declined nor rescinded.</summary>
internal sealed class OfferLedger
{
    private readonly HashSet<string> _outstanding = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_outstanding)
            {
                return _outstanding.Count;
            }
        }
    }

    public void Add(IEnumerable<Offer> offers)
    {
        lock (_outstanding)
        {
            _outstanding.UnionWith(offers.Select(o => o.Id.Value));
        }
    }

    /// <summary>Accepted, declined or rescinded: no longer held.</summary>
    public void Release(IEnumerable<OfferID> offerIds)
    {
        lock (_outstanding)
        {
            _outstanding.ExceptWith(offerIds.Select(o => o.Value));
        }
    }

    /// <summary>Those of <paramref name="offers"/> still held.</summary>
    public List<OfferID> StillHeld(IEnumerable<Offer> offers)
    {
        lock (_outstanding)
        {
            return offers.Where(o => _outstanding.Contains(o.Id.Value)).Select(o => o.Id).ToList();
        }
    }

    /// <summary>Forgets everything: offers do not survive a lost stream.</summary>
    public void Clear()
    {
        lock (_outstanding)
        {
            _outstanding.Clear();
        }
    }
}
