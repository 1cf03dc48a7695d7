using Google.Protobuf;
using Mesos.Hosting.Placement;
using Mesos.V1;

namespace Mesos.Hosting.Workloads;

/// <summary>Offers: the due attempts placed, stored with their agents in one write, then launched; the rest declined.</summary>
internal sealed partial class WorkloadEngine
{
    public const string WorkIdLabel = "mesos-hosting.workload-id";
    public const string AttemptLabel = "mesos-hosting.workload-attempt";

    private readonly RefuseFilterBackoff _refuse = new();

    public Task OffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken) => GatedAsync("offers", async () =>
    {
        _revivedSinceOffers = false;
        var now = _time.GetUtcNow();
        var due = new Dictionary<string, (Work Work, int Slot)>(StringComparer.Ordinal);
        var requests = new List<TaskRequest>();
        foreach (var work in _works.Values.OrderByDescending(w => w.Priority).ThenBy(w => w.Sequence))
        {
            for (var slot = 0; slot < work.SlotCount; slot++)
            {
                if (work.WantsLaunch(slot, now))
                {
                    // A placeholder ID, one Mesos would take as a task's: the attempt's number and task ID are given only to
                    // what is placed.
                    var placeholder = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"due-{requests.Count}");
                    due[placeholder] = (work, slot);
                    requests.Add(work.Spec with { Id = placeholder, Group = work.Group, Name = work.Spec.Name ?? work.Name });
                }
            }
        }

        var result = OfferMatcher.Match(offers, requests, _attempts.Values.Where(a => a.IsLive).Select(PlacementOf));
        var changes = new ChangeSet();
        var launched = new List<(OfferLaunch Launch, List<Attempt> Attempts)>();
        foreach (var launch in result.Launches)
        {
            var attempts = launch.Tasks.Select(placed => Begin(due[placed.Request.Id], placed, launch, now, changes)).ToList();
            launched.Add((launch, attempts));
        }

        await PersistAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var (launch, attempts) in launched)
        {
            await LaunchAsync(launch, attempts).ConfigureAwait(false);
        }

        await DeclineAsync(result).ConfigureAwait(false);
    }, cancellationToken, afterLoad: true);

    private Attempt Begin((Work Work, int Slot) due, PlacedTask placed, OfferLaunch launch, DateTimeOffset now, ChangeSet changes)
    {
        var (work, slot) = due;
        var attempt = new Attempt
        {
            TaskId = TaskIds.For(work.Name, work.NextAttempt++),
            WorkKey = work.Key,
            Slot = slot,
            SpecVersion = work.SpecVersion,
            Phase = AttemptPhase.Launching,
            AgentId = launch.AgentId.Value,
            Agent = new AgentInfo { Id = launch.AgentId, Hostname = launch.Hostname, Attributes = { placed.Placement.Attributes }, Domain = placed.Placement.Domain }.ToByteArray(),
            LaunchedAt = now,
        };
        attempt.Number = work.NextAttempt - 1;
        Stamp(placed.Task, work, attempt);
        work.Attempts.Add(attempt);
        work.Live[slot] = attempt;
        _attempts[attempt.TaskId] = attempt;
        changes.Put(work);
        changes.Put(attempt);
        _metrics.AttemptLaunched(work.Name);
        WorkloadLog.Launching(_logger, work.Id, attempt.Number, attempt.TaskId, attempt.AgentId);
        return attempt;
    }

    // The attempt's own task ID, and what links the running task to its work: labels, and for a command its environment.
    private static void Stamp(TaskInfo task, Work work, Attempt attempt)
    {
        task.TaskId = new TaskID { Value = attempt.TaskId };
        var number = attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        task.Labels ??= new Labels();
        task.Labels.Labels_.Add(new Label { Key = WorkIdLabel, Value = work.Id });
        task.Labels.Labels_.Add(new Label { Key = AttemptLabel, Value = number });
        if (task.Command is { } command)
        {
            command.Environment ??= new V1.Environment();
            command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = "MESOS_WORKLOAD_ID", Value = work.Id });
            command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = "MESOS_WORKLOAD_ATTEMPT", Value = number });
        }
    }

    private TaskPlacement PlacementOf(Attempt attempt)
    {
        var agent = AgentInfo.Parser.ParseFrom(attempt.Agent);
        return new TaskPlacement(_works[attempt.WorkKey].Group, attempt.TaskId, agent.Hostname, agent.Attributes.ToList(), agent.Domain);
    }

    private async Task LaunchAsync(OfferLaunch launch, List<Attempt> attempts)
    {
        try
        {
            await _driver.LaunchTasksAsync(launch.OfferIds, launch.TaskInfos, cancellationToken: _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MesosNotSubscribedException or MesosCallException)
        {
            // Certainly not launched (never sent, or refused): the attempts never ran and make way for new ones.
            var changes = new ChangeSet();
            foreach (var attempt in attempts)
            {
                WorkloadLog.NotLaunched(_logger, attempt.WorkKey, attempt.Number, attempt.TaskId, ex.Message);
                End(attempt, TaskState.TaskDropped, null, ex.Message, counted: false, changes);
            }

            await PersistAsync(changes).ConfigureAwait(false);
        }
        catch (MesosUnavailableException)
        {
            // The answer was lost: the driver asks the master about these tasks, and their updates decide.
        }
    }

    private async Task DeclineAsync(PlacementResult result)
    {
        var now = _time.GetUtcNow();
        _dueCheckedAt = now;
        var waiting = _works.Values.Any(w => Enumerable.Range(0, w.SlotCount).Any(w.NeedsAttempt));
        if (!waiting)
        {
            await CallAsync(_driver.DeclineAsync(result.DeclinedOfferIds, new Filters { RefuseSeconds = _options.IdleRefuseSeconds }, _stopping.Token), "DECLINE").ConfigureAwait(false);
        }
        else
        {
            foreach (var batch in _refuse.Plan(result))
            {
                await CallAsync(_driver.DeclineAsync(batch.OfferIds, batch.Filters, _stopping.Token), "DECLINE").ConfigureAwait(false);
            }
        }

        // Nothing due now: offers are of no use until new work or a backoff's end, which revive.
        if (!_works.Values.Any(w => Enumerable.Range(0, w.SlotCount).Any(s => w.WantsLaunch(s, now))))
        {
            await SuppressAsync().ConfigureAwait(false);
        }
    }
}
