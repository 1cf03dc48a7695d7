using System.Diagnostics.Metrics;
using Mesos.Hosting.Testing;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Workloads.Tests;

/// <summary>Submitted tasks against a local cluster with real command tasks: retries, backoff on the driven clock, poison, timeout.</summary>
public sealed class WorkloadsRetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private static readonly RetryPolicy Backoff = new() { InitialDelay = TimeSpan.FromSeconds(4), BackoffCoefficient = 2, MaximumAttempts = 3, Jitter = 0.5 };

    [Fact]
    public async Task A_thousand_tasks_with_one_in_ten_failing_twice_all_succeed_with_exact_attempts_and_backoff()
    {
        const int count = 1000;
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 3, AgentResources = "cpus:16;mem:16384;disk:1000;ports:[31000-31100]" });
        await using var host = await WorkloadsHost.StartAsync(cluster, new InMemoryWorkloadStore(), TimeSpan.FromMilliseconds(250));

        var handles = new List<WorkloadHandle>();
        for (var i = 0; i < count; i++)
        {
            var flaky = i % 10 == 0;
            handles.Add(await host.Workloads.SubmitAsync(new WorkloadRequest
            {
                Id = $"job-{i}",
                Name = flaky ? "flaky" : "steady",
                Task = WorkloadsHost.Command(flaky ? "test \"$MESOS_WORKLOAD_ATTEMPT\" -ge 3" : "true", cpus: 0.01),
                Retry = Backoff,
            }));
        }

        var results = await Task.WhenAll(handles.Select(h => h.Completion)).WaitAsync(Deadline);

        Assert.All(results, r => Assert.Equal(WorkloadOutcome.Succeeded, r.Outcome));
        Assert.Equal((count * 9 / 10) + (count / 10 * 3), results.Sum(r => r.CountedAttempts));
        Assert.All(results.Where((_, i) => i % 10 == 0), r => Assert.Equal(3, r.CountedAttempts));
        Assert.All(results.Where((_, i) => i % 10 != 0), r => Assert.Single(r.Attempts));
        AssertBackoffRespected(results, Backoff);
        AssertEachTaskLaunchedOnce(cluster, results.Sum(r => r.Attempts.Count));
    }

    [Fact]
    public async Task An_always_failing_task_is_poisoned_after_its_maximum_attempts_and_an_invalid_one_at_once()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        await using var host = await WorkloadsHost.StartAsync(cluster, new InMemoryWorkloadStore(), TimeSpan.FromMilliseconds(250));

        var failing = await host.Workloads.SubmitAsync(new WorkloadRequest { Id = "fails", Name = "fails", Task = WorkloadsHost.Command("exit 1"), Retry = Backoff with { MaximumAttempts = 4 } });
        var invalid = await host.Workloads.SubmitAsync(new WorkloadRequest
        {
            Id = "invalid",
            Name = "invalid",
            Task = WorkloadsHost.Command("unused") with { Task = new TaskInfo { Command = new CommandInfo { Shell = true } } },
            Retry = Backoff,
        });

        var poisoned = await failing.Completion.WaitAsync(Deadline);
        var refused = await invalid.Completion.WaitAsync(Deadline);

        Assert.Equal(WorkloadOutcome.Poisoned, poisoned.Outcome);
        Assert.Equal(4, poisoned.CountedAttempts);
        Assert.Equal(TaskState.TaskFailed, poisoned.State);
        Assert.Equal(WorkloadOutcome.Poisoned, refused.Outcome);
        Assert.Equal(TaskStatus.Types.Reason.TaskInvalid, refused.Reason);
        Assert.Single(refused.Attempts);
        AssertBackoffRespected([poisoned], Backoff);
    }

    [Fact]
    public async Task An_attempt_past_its_timeout_is_killed_and_counts_as_failed()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        await using var host = await WorkloadsHost.StartAsync(cluster, new InMemoryWorkloadStore(), TimeSpan.FromMilliseconds(250));

        var handle = await host.Workloads.SubmitAsync(new WorkloadRequest
        {
            Id = "slow",
            Name = "slow",
            Task = WorkloadsHost.Command("sleep 600"),
            Timeout = TimeSpan.FromSeconds(20),
            Retry = Backoff with { MaximumAttempts = 2 },
        });
        var result = await handle.Completion.WaitAsync(Deadline);

        Assert.Equal(WorkloadOutcome.Poisoned, result.Outcome);
        Assert.Equal(TaskState.TaskKilled, result.State);
        Assert.Contains("timed out", result.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.CountedAttempts);
        Assert.All(result.Attempts, a => Assert.True(a.EndedAt - a.LaunchedAt >= TimeSpan.FromSeconds(20), $"attempt {a.Number} ended after {a.EndedAt - a.LaunchedAt}"));
    }

    [Fact]
    public async Task Submitting_an_id_again_returns_the_same_work()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        await using var host = await WorkloadsHost.StartAsync(cluster, new InMemoryWorkloadStore(), TimeSpan.Zero);

        var request = new WorkloadRequest { Id = "once", Name = "once", Task = WorkloadsHost.Command("true") };
        var first = await host.Workloads.SubmitAsync(request);
        var second = await host.Workloads.SubmitAsync(request with { Name = "other" });
        var result = await first.Completion.WaitAsync(Deadline);

        Assert.Same(first.Completion, second.Completion);
        Assert.Equal("once", second.Name);
        Assert.Single(result.Attempts);
        Assert.Same(first.Completion, (await host.Workloads.AttachAsync("once"))!.Completion);
        Assert.Null(await host.Workloads.AttachAsync("never"));
        Assert.Equal(1, GaugeOf("mesos.workloads.finished", "once"));
        Assert.Equal(0, GaugeOf("mesos.workloads.pending", "once"));
    }

    // The gauge's value for one workload name, across every host in the test process (the name is this test's own).
    private static long GaugeOf(string instrument, string workload)
    {
        long value = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == Diagnostics.MesosDiagnostics.MeterName && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measured, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "workload" && Equals(tag.Value, workload))
                {
                    value += measured;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    /// <summary>Every retry launched no earlier than its backoff (shortened by at most the jitter) after the failure before it, on the driven clock.</summary>
    internal static void AssertBackoffRespected(IEnumerable<WorkloadResult> results, RetryPolicy policy)
    {
        foreach (var result in results)
        {
            for (var i = 1; i < result.Attempts.Count; i++)
            {
                var waited = result.Attempts[i].LaunchedAt - result.Attempts[i - 1].EndedAt!.Value;
                var least = policy.DelayAfter(i, 0) * (1 - policy.Jitter);
                Assert.True(waited >= least, $"{result.Attempts[i].TaskId} launched {waited} after the failure before it; the backoff was at least {least}");
            }
        }
    }

    /// <summary>The cluster saw exactly <paramref name="attempts"/> launches, each of a task ID of its own.</summary>
    internal static void AssertEachTaskLaunchedOnce(LocalMesosCluster cluster, int attempts)
    {
        var launched = LaunchedTaskIds(cluster);
        Assert.Equal(attempts, launched.Count);
        Assert.Equal(launched.Count, launched.Distinct().Count());
    }

    internal static List<string> LaunchedTaskIds(LocalMesosCluster cluster) => cluster.Journal.SchedulerCalls
        .Where(c => c.Call.Type == Call.Types.Type.Accept && c.StatusCode == 202)
        .SelectMany(c => c.Call.Accept.Operations.Where(o => o.Launch is not null).SelectMany(o => o.Launch.TaskInfos))
        .Select(t => t.TaskId.Value)
        .ToList();
}
