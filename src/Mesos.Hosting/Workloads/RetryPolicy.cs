using System.Globalization;

namespace Mesos.Hosting.Workloads;

/// <summary>
/// How a failed attempt is retried, in the manner of Temporal's retry policy: the n-th retry waits
/// <see cref="InitialDelay"/> × <see cref="BackoffCoefficient"/>^(n-1), at most <see cref="MaximumDelay"/>, shortened by
/// up to <see cref="Jitter"/> of itself at random so that failures together do not retry together.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Reasons that say the task can never succeed as given; an attempt ending with one of them is not retried by default.</summary>
    public static IReadOnlySet<TaskStatus.Types.Reason> DefaultNonRetryableReasons { get; } = new HashSet<TaskStatus.Types.Reason>
    {
        TaskStatus.Types.Reason.TaskInvalid,
        TaskStatus.Types.Reason.TaskUnauthorized,
        TaskStatus.Types.Reason.TaskGroupInvalid,
        TaskStatus.Types.Reason.TaskGroupUnauthorized,
    };

    // After the reasons: static initializers run in order, and the default policy takes them.
    /// <summary>The policy used where a request gives none: 3 attempts, 1 s doubling to at most 1 min, 20 % jitter.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How much each further retry's wait grows (1 keeps it constant).</summary>
    public double BackoffCoefficient { get; init; } = 2;

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts in all, the first included: 1 means no retry. Services relaunch their instances without limit and ignore it.</summary>
    public int MaximumAttempts { get; init; } = 3;

    /// <summary>Task status reasons that end the work at once (poisoned), whatever attempts remain.</summary>
    public IReadOnlySet<TaskStatus.Types.Reason> NonRetryableReasons { get; init; } = DefaultNonRetryableReasons;

    /// <summary>The fraction (0 to 1) by which a wait may be shortened at random.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th failed attempt in a row, for a <paramref name="random"/>
    /// draw in [0, 1): between (1 − <see cref="Jitter"/>) and 1 times the backoff, never above <see cref="MaximumDelay"/>.
    /// </summary>
    public TimeSpan DelayAfter(int failures, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        if (random is < 0 or >= 1 || double.IsNaN(random))
        {
            throw new ArgumentOutOfRangeException(nameof(random), random, "The random draw must be in [0, 1).");
        }

        var backoff = InitialDelay.TotalMilliseconds * Math.Pow(BackoffCoefficient, failures - 1);
        var capped = Math.Min(backoff, MaximumDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 - (Jitter * random)));
    }

    /// <summary>Whether an attempt ending with <paramref name="reason"/> may be retried.</summary>
    public bool IsRetryable(TaskStatus.Types.Reason? reason) => reason is not { } r || !NonRetryableReasons.Contains(r);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range and its value.</summary>
    public void Validate()
    {
        Require(InitialDelay >= TimeSpan.Zero, nameof(InitialDelay), InitialDelay, "must not be negative");
        Require(double.IsFinite(BackoffCoefficient) && BackoffCoefficient >= 1, nameof(BackoffCoefficient), BackoffCoefficient, "must be at least 1");
        Require(MaximumDelay >= InitialDelay, nameof(MaximumDelay), MaximumDelay, $"must be at least InitialDelay ({InitialDelay})");
        Require(MaximumAttempts >= 1, nameof(MaximumAttempts), MaximumAttempts, "must be at least 1 (1 means no retry)");
        Require(Jitter is >= 0 and <= 1, nameof(Jitter), Jitter, "must be between 0 and 1");
        Require(NonRetryableReasons is not null, nameof(NonRetryableReasons), "null", "must not be null");
    }

    private static void Require(bool holds, string field, object value, string rule)
    {
        if (!holds)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RetryPolicy.{field} {rule}; it is {value}."), field);
        }
    }
}
