namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// The pause after a round in which no server answered: doubling from <c>first</c> up to <c>max</c>,
/// each drawn at random from the upper half so that clients cut off together do not return together.
/// </summary>
internal sealed class ZooKeeperBackoff(TimeSpan first, TimeSpan max, Random random)
{
    private int _failedRounds;

    public TimeSpan Next()
    {
        var ceiling = first * Math.Pow(2, _failedRounds);
        if (ceiling > max)
        {
            ceiling = max;
        }
        else
        {
            _failedRounds++;
        }

        return ceiling * (0.5 + (random.NextDouble() / 2));
    }

    public void Reset() => _failedRounds = 0;
}
