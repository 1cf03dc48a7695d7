using Mesos.Hosting.Workloads;

namespace Mesos.Hosting.Workloads.Tests;

public sealed class WorkloadsRetryPolicyTests
{
    private static readonly RetryPolicy Policy = new() { InitialDelay = TimeSpan.FromSeconds(2), BackoffCoefficient = 3, MaximumDelay = TimeSpan.FromSeconds(30), Jitter = 0.25 };

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 6)]
    [InlineData(3, 18)]
    [InlineData(4, 30)]
    [InlineData(20, 30)]
    public void Without_a_random_draw_the_delay_is_the_capped_backoff(int failures, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.DelayAfter(failures, 0));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void Jitter_shortens_the_delay_by_at_most_its_fraction(int failures)
    {
        var full = Policy.DelayAfter(failures, 0);
        foreach (var draw in new[] { 0.1, 0.5, 0.999 })
        {
            var delay = Policy.DelayAfter(failures, draw);
            Assert.InRange(delay, full * 0.75, full);
        }

        Assert.True(Policy.DelayAfter(failures, 0.999) < full);
    }

    [Theory]
    [InlineData(nameof(RetryPolicy.InitialDelay), "-00:00:01")]
    [InlineData(nameof(RetryPolicy.BackoffCoefficient), "0.5")]
    [InlineData(nameof(RetryPolicy.MaximumDelay), "00:00:00.5000000")]
    [InlineData(nameof(RetryPolicy.MaximumAttempts), "0")]
    [InlineData(nameof(RetryPolicy.Jitter), "1.5")]
    public void Validation_names_the_field_and_its_value(string field, string value)
    {
        var policy = field switch
        {
            nameof(RetryPolicy.InitialDelay) => new RetryPolicy { InitialDelay = TimeSpan.FromSeconds(-1) },
            nameof(RetryPolicy.BackoffCoefficient) => new RetryPolicy { BackoffCoefficient = 0.5 },
            nameof(RetryPolicy.MaximumDelay) => new RetryPolicy { MaximumDelay = TimeSpan.FromMilliseconds(500) },
            nameof(RetryPolicy.MaximumAttempts) => new RetryPolicy { MaximumAttempts = 0 },
            _ => new RetryPolicy { Jitter = 1.5 },
        };

        var error = Assert.Throws<ArgumentException>(policy.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_and_do_not_retry_an_invalid_task()
    {
        RetryPolicy.Default.Validate();
        Assert.False(RetryPolicy.Default.IsRetryable(TaskStatus.Types.Reason.TaskInvalid));
        Assert.True(RetryPolicy.Default.IsRetryable(TaskStatus.Types.Reason.CommandExecutorFailed));
        Assert.True(RetryPolicy.Default.IsRetryable(null));
    }

    [Fact]
    public void Task_ids_carry_name_and_attempt_and_never_repeat()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => TaskIds.For("batch-job.v2", 7)).ToList();

        Assert.All(ids, id => Assert.Matches(@"^batch-job\.v2\.attempt-7\.[0-9a-f]{8}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public void Names_that_cannot_start_a_task_id_are_refused(string name)
        => Assert.Throws<ArgumentException>(() => TaskIds.CheckName(name, "WorkloadRequest.Name"));
}
