namespace Mesos.Hosting.Executor.Tests;

/// <summary>The metrics docs/observability.md lists, with their units and tags; and the check that exports match it.</summary>
internal static class MetricAssertions
{
    private const string EventType = "mesos.event.type";
    private const string TaskState = "mesos.task.state";

    /// <summary>Name, unit, the tags it may carry, and whether a framework that launched and finished one task reports it.</summary>
    private static readonly (string Name, string Unit, string[] Tags, bool Reported)[] Metrics =
    [
        ("mesos.scheduler.events", "{event}", [EventType], true),
        ("mesos.scheduler.events.invalid", "{event}", [EventType], false),
        ("mesos.scheduler.subscribe.attempts", "{attempt}", [], true),
        ("mesos.scheduler.calls", "{call}", ["rpc.method", "mesos.outcome"], true),
        ("mesos.scheduler.handler.failures", "{failure}", ["mesos.callback"], false),
        ("mesos.scheduler.acknowledgements", "{update}", [], true),
        ("mesos.scheduler.offers.declined", "{offer}", [], false),
        ("mesos.scheduler.event.dispatch.latency", "s", [EventType], true),
        ("mesos.scheduler.handler.duration", "s", ["mesos.callback"], true),
        ("mesos.scheduler.call.duration", "s", ["rpc.method", "mesos.outcome"], true),
        ("mesos.scheduler.subscribe.duration", "s", ["mesos.outcome"], true),
        ("mesos.scheduler.subscribed", "1", [], true),
        ("mesos.scheduler.offers.outstanding", "{offer}", [], true),
        ("mesos.scheduler.tasks", "{task}", [TaskState], true),
        ("mesos.scheduler.updates.unacknowledged", "{update}", [], true),
        ("mesos.executor.updates.sent", "{update}", [TaskState], true),
        ("mesos.executor.updates.acknowledged", "{update}", [], true),
        ("mesos.executor.updates.unacknowledged", "{update}", [], true),
        ("mesos.executor.tasks", "{task}", [TaskState], true),
    ];

    /// <summary>
    /// Every exported metric is documented, with its unit, and tagged only with its documented tags, none of whose
    /// values is one of <paramref name="ids"/>; every metric named <paramref name="prefix"/>* that the scenario
    /// exercises was exported.
    /// </summary>
    public static void Documented(IEnumerable<(string Name, string Unit, List<List<KeyValuePair<string, string>>> Points)> exported, string prefix, string[] ids)
    {
        var seen = exported.ToList();
        foreach (var (name, unit, points) in seen)
        {
            var doc = Metrics.SingleOrDefault(d => d.Name == name);
            Assert.True(doc.Name is not null, $"{name} is exported but not documented");
            Assert.Equal((name, doc.Unit), (name, unit));
            foreach (var tag in points.SelectMany(p => p))
            {
                Assert.True(doc.Tags.Contains(tag.Key), $"{name} has the undocumented tag {tag.Key}");
                Assert.DoesNotContain(ids, id => tag.Value.Contains(id, StringComparison.Ordinal));
            }
        }

        foreach (var doc in Metrics.Where(d => d.Reported && d.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Assert.True(seen.Any(m => m.Name == doc.Name && m.Points.Count > 0), $"{doc.Name} was not exported");
        }
    }
}
