namespace Mesos.Hosting.Placement;

/// <summary>Which of the offers that can take a task it goes to.</summary>
public enum Fitness
{
    /// <summary>Fill agents: the offer with the least left once the task is placed, so whole agents stay free for big tasks.</summary>
    BinPack,

    /// <summary>Balance: the offer with the most left, so load spreads over agents.</summary>
    Spread,
}
