namespace Mesos.Hosting.TestSupport.Observation;

/// <summary>The metrics docs/observability.md lists, with their units and tags; and the check that exports match it.</summary>
internal static class MetricAssertions
{
    private const string EventType = "mesos.event.type";
    private const string TaskState = "mesos.task.state";

    /// <summary>
    /// Name, unit, the tags it may carry, and whether a run must provoke it (with an offer left unused, an event the
    /// driver cannot use, a callback that throws, an election that fails); the others a framework that launches and
    /// finishes one task reports, the <c>mesos.leadership.*</c> ones with high availability.
    /// </summary>
    private static readonly (string Name, string Unit, string[] Tags, bool Provoked)[] Metrics =
    [
        ("mesos.scheduler.events", "{event}", [EventType], false),
        ("mesos.scheduler.events.invalid", "{event}", [EventType], true),
        ("mesos.scheduler.subscribe.attempts", "{attempt}", [], false),
        ("mesos.scheduler.calls", "{call}", ["rpc.method", "mesos.outcome"], false),
        ("mesos.scheduler.handler.failures", "{failure}", ["mesos.callback"], true),
        ("mesos.scheduler.acknowledgements", "{update}", [], false),
        ("mesos.scheduler.offers.declined", "{offer}", [], true),
        ("mesos.scheduler.event.dispatch.latency", "s", [EventType], false),
        ("mesos.scheduler.handler.duration", "s", ["mesos.callback"], false),
        ("mesos.scheduler.call.duration", "s", ["rpc.method", "mesos.outcome"], false),
        ("mesos.scheduler.subscribe.duration", "s", ["mesos.outcome"], false),
        ("mesos.scheduler.subscribed", "1", [], false),
        ("mesos.scheduler.offers.outstanding", "{offer}", [], false),
        ("mesos.scheduler.tasks", "{task}", [TaskState], false),
        ("mesos.scheduler.updates.unacknowledged", "{update}", [], false),
        ("mesos.executor.updates.sent", "{update}", [TaskState], false),
        ("mesos.executor.updates.acknowledged", "{update}", [], false),
        ("mesos.executor.updates.unacknowledged", "{update}", [], false),
        ("mesos.executor.tasks", "{task}", [TaskState], false),
        ("mesos.leadership.leading", "1", [], false),
        ("mesos.leadership.changes", "{change}", ["mesos.leadership.change"], false),
        ("mesos.leadership.failures", "{failure}", ["mesos.leadership.failure"], true),
    ];

    /// <summary>The documented metrics named <paramref name="prefix"/>* that any run which finishes a task reports.</summary>
    public static IEnumerable<string> OfAnyRun(string prefix)
        => Metrics.Where(d => !d.Provoked && d.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d.Name);

    /// <summary>The documented metrics named <paramref name="prefix"/>* that a run must provoke.</summary>
    public static IEnumerable<string> OnlyWhenProvoked(string prefix)
        => Metrics.Where(d => d.Provoked && d.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d.Name);

    /// <summary>
    /// Every exported metric is documented, with its unit, and tagged only with its documented tags, none of whose
    /// values is one of <paramref name="ids"/>; each of <paramref name="expected"/> was exported.
    /// </summary>
    public static void Documented(IEnumerable<(string Name, string Unit, List<List<KeyValuePair<string, string>>> Points)> exported, IEnumerable<string> expected, string[] ids)
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

        foreach (var name in expected)
        {
            Assert.True(seen.Any(m => m.Name == name && m.Points.Count > 0), $"{name} was not exported");
        }
    }
}
