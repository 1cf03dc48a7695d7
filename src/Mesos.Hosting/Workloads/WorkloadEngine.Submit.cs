using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Workloads;

/// <summary>Submitting tasks: checked, stored, then offered for.</summary>
internal sealed partial class WorkloadEngine
{
    public Task<WorkloadHandle> SubmitAsync(WorkloadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Id))
        {
            throw new ArgumentException("WorkloadRequest.Id must not be empty.", nameof(request));
        }

        TaskIds.CheckName(request.Name, "WorkloadRequest.Name");
        CheckTask(request.Task, "WorkloadRequest.Task");
        ArgumentNullException.ThrowIfNull(request.Retry, nameof(request));
        request.Retry.Validate();
        if (request.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"WorkloadRequest.Timeout must be positive; it is {timeout}.", nameof(request));
        }

        return GatedAsync("a submission", async () =>
        {
            if (_works.TryGetValue(Work.KeyOf(WorkKind.Task, request.Id), out var existing))
            {
                return Handle(existing);
            }

            var work = new Work
            {
                Kind = WorkKind.Task,
                Id = request.Id,
                Name = request.Name,
                Spec = Work.Detached(request.Task),
                Retry = RetryData.From(request.Retry),
                Timeout = request.Timeout,
                Priority = request.Priority,
                Sequence = _sequence + 1,
                Slots = [],
            };
            var changes = new ChangeSet();
            changes.Put(work);
            await PersistAsync(changes, cancellationToken).ConfigureAwait(false);
            _sequence = work.Sequence;
            _works[work.Key] = work;
            WorkloadLog.Submitted(_logger, work.Id, work.Name);
            await ReviveAsync().ConfigureAwait(false);
            return Handle(work);
        }, cancellationToken, afterLoad: true);
    }

    public async Task<WorkloadHandle?> AttachAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await GatedAsync("an attach", () => Task.FromResult(_works.TryGetValue(Work.KeyOf(WorkKind.Task, id), out var work) ? Handle(work) : null), cancellationToken, afterLoad: true).ConfigureAwait(false);
    }

    private static WorkloadHandle Handle(Work work) => new(work.Id, work.Name, work.Completion.Task);

    // What the matcher would refuse, refused now, naming the caller's field rather than a request ID they never chose.
    private static void CheckTask(TaskRequest? task, string field)
    {
        if (task is null)
        {
            throw new ArgumentException($"{field} must be set: what each attempt runs.", field);
        }

        try
        {
            TaskBuilder.Check([task with { Id = "check" }]);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{field}: {ex.Message}", field, ex);
        }
    }
}
