using Mesos.Hosting.Scheduler;
using Mesos.V1;
using TaskStatus = Mesos.V1.TaskStatus;

namespace Mesos.Hosting.Benchmarks;

/// <summary>The <c>scale</c> benchmark's framework: fills each offer with tasks while there are any, and declines the rest.</summary>
internal sealed class ScaleScheduler(ScaleWorkload workload, ISchedulerDriver driver) : MesosScheduler
{
    // While launching, unused offers stay away; while cycling, they come straight back.
    private static readonly Filters Away = new() { RefuseSeconds = 3600 };
    private static readonly Filters Back = new() { RefuseSeconds = 0 };

    public override async Task ResourceOffersAsync(IReadOnlyList<Offer> offers, CancellationToken cancellationToken)
    {
        workload.OffersSeen(offers.Count);
        var unused = new List<OfferID>();
        foreach (var offer in offers)
        {
            var cpus = offer.Resources.Where(r => r.Name == "cpus").Sum(r => r.Scalar.Value);
            var mem = offer.Resources.Where(r => r.Name == "mem").Sum(r => r.Scalar.Value);
            var room = (int)Math.Min(Math.Floor((cpus + 1e-9) / ScaleWorkload.TaskCpus), Math.Floor(mem / ScaleWorkload.TaskMem));
            var tasks = workload.Cycling ? [] : workload.Take(offer, room);
            if (tasks.Count == 0)
            {
                unused.Add(offer.Id);
            }
            else
            {
                await driver.LaunchTasksAsync([offer.Id], tasks, Away, cancellationToken);
            }
        }

        if (unused.Count > 0)
        {
            await driver.DeclineAsync(unused, workload.Cycling ? Back : Away, cancellationToken);
        }

        workload.FirstOffersHandled.TrySetResult();
    }

    public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken)
    {
        workload.Update(status);
        return Task.CompletedTask;
    }
}
