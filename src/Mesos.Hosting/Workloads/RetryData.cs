
namespace Mesos.Hosting.Workloads;

/// <summary>A <see cref="RetryPolicy"/> as stored.</summary>
internal sealed class RetryData
{
    public TimeSpan InitialDelay { get; set; }

    public double BackoffCoefficient { get; set; }

    public TimeSpan MaximumDelay { get; set; }

    public int MaximumAttempts { get; set; }

    public List<TaskStatus.Types.Reason> NonRetryableReasons { get; set; } = [];

    public double Jitter { get; set; }

    public static RetryData From(RetryPolicy policy) => new()
    {
        InitialDelay = policy.InitialDelay,
        BackoffCoefficient = policy.BackoffCoefficient,
        MaximumDelay = policy.MaximumDelay,
        MaximumAttempts = policy.MaximumAttempts,
        NonRetryableReasons = [.. policy.NonRetryableReasons.Order()],
        Jitter = policy.Jitter,
    };

    public RetryPolicy ToPolicy() => new()
    {
        InitialDelay = InitialDelay,
        BackoffCoefficient = BackoffCoefficient,
        MaximumDelay = MaximumDelay,
        MaximumAttempts = MaximumAttempts,
        NonRetryableReasons = NonRetryableReasons.ToHashSet(),
        Jitter = Jitter,
    };
}
