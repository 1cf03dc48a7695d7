namespace Mesos.Hosting.Workloads;

/// <summary>Services: declared, scaled and removed; the change is stored before any task is killed.</summary>
internal sealed partial class WorkloadEngine
{
    public Task DeclareServiceAsync(ServiceSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TaskIds.CheckName(spec.Name, "ServiceSpec.Name");
        CheckTask(spec.Task, "ServiceSpec.Task");
        CheckInstances(spec.Instances);
        ArgumentNullException.ThrowIfNull(spec.Retry, nameof(spec));
        spec.Retry.Validate();
        if (spec.HealthyAfter < TimeSpan.Zero)
        {
            throw new ArgumentException($"ServiceSpec.HealthyAfter must not be negative; it is {spec.HealthyAfter}.", nameof(spec));
        }

        return GatedAsync("a service declaration", async () =>
        {
            var key = Work.KeyOf(WorkKind.Service, spec.Name);
            var created = !_works.TryGetValue(key, out var work);
            if (work is { Removing: false } && WorkloadCodec.SameSpec(work, spec))
            {
                // Declaring what is already declared (a restarted framework declares its services again) keeps the
                // running instances: only their number can differ.
                await ScaleAsync(work, spec.Instances).ConfigureAwait(false);
                return;
            }

            work ??= new Work { Kind = WorkKind.Service, Id = spec.Name, Name = spec.Name, Sequence = ++_sequence };
            work.Spec = Work.Detached(spec.Task);
            work.Retry = RetryData.From(spec.Retry);
            work.HealthyAfter = spec.HealthyAfter;
            work.SpecVersion++;
            work.Removing = false;
            work.Instances = spec.Instances;
            work.Slots = Enumerable.Range(0, spec.Instances).Select(_ => new ServiceSlot()).ToList();
            var retiring = work.Live.Values.ToList();
            await RetireAsync(work, retiring, "the service has a new spec").ConfigureAwait(false);
            _works[key] = work;
            WorkloadLog.ServiceDeclared(_logger, spec.Name, spec.Instances, work.SpecVersion, created ? " (created)" : $" (updated: {retiring.Count} tasks replaced)");
            await ReviveAsync().ConfigureAwait(false);
        }, cancellationToken, afterLoad: true);
    }

    public Task ScaleServiceAsync(string name, int instances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckInstances(instances);
        return GatedAsync("a scale", () => ScaleAsync(Service(name) ?? throw new KeyNotFoundException($"No service named '{name}'."), instances), cancellationToken, afterLoad: true);
    }

    public Task RemoveServiceAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return GatedAsync("a removal", async () =>
        {
            if (Service(name) is not { } work)
            {
                return;
            }

            work.Removing = true;
            if (work.Live.Count == 0)
            {
                await ForgetAsync(work).ConfigureAwait(false);
                return;
            }

            await RetireAsync(work, work.Live.Values.ToList(), "the service is removed").ConfigureAwait(false);
        }, cancellationToken, afterLoad: true);
    }

    public ServiceStatus? GetService(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _gate.Wait(_stopping.Token);
        try
        {
            if (Service(name) is not { } work)
            {
                return null;
            }

            var running = work.Live.Values.Count(a => a.Phase == AttemptPhase.Running);
            var pending = Enumerable.Range(0, work.SlotCount).Count(work.NeedsAttempt);
            return new ServiceStatus(name, work.Instances, running, work.Live.Count - running, pending, work.Attempts.Count, work.Removing);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ScaleAsync(Work work, int instances)
    {
        work.Instances = instances;
        while (work.Slots.Count < instances)
        {
            work.Slots.Add(new ServiceSlot());
        }

        work.Slots.RemoveRange(instances, work.Slots.Count - instances);
        var retiring = work.Live.Where(p => p.Key >= instances).Select(p => p.Value).ToList();
        await RetireAsync(work, retiring, $"scaled to {instances}").ConfigureAwait(false);
        WorkloadLog.ServiceDeclared(_logger, work.Id, instances, work.SpecVersion, $" (scaled: {retiring.Count} tasks killed)");
        await ReviveAsync().ConfigureAwait(false);
    }

    private Work? Service(string name) => _works.GetValueOrDefault(Work.KeyOf(WorkKind.Service, name));

    private static void CheckInstances(int instances)
    {
        if (instances < 0)
        {
            throw new ArgumentException($"A service's instances must not be negative; it is {instances}.", nameof(instances));
        }
    }

    // Stores the work (and the attempts marked retired) first, then kills: their TASK_KILLED is then neither a failure
    // nor counted, and the slot launches again from the current spec if it is still wanted.
    private async Task RetireAsync(Work work, IReadOnlyList<Attempt> attempts, string why)
    {
        var changes = new ChangeSet();
        changes.Put(work);
        foreach (var attempt in attempts)
        {
            attempt.Kill = KillIntent.Retired;
            changes.Put(attempt);
        }

        await PersistAsync(changes).ConfigureAwait(false);
        foreach (var attempt in attempts)
        {
            WorkloadLog.Retiring(_logger, attempt.TaskId, work.Id, why);
            await KillAsync(attempt).ConfigureAwait(false);
        }
    }

    private async Task ForgetAsync(Work work)
    {
        var changes = new ChangeSet();
        changes.Remove(work);
        await PersistAsync(changes).ConfigureAwait(false);
        _works.Remove(work.Key);
        foreach (var attempt in work.Attempts)
        {
            _attempts.Remove(attempt.TaskId);
        }
    }
}
