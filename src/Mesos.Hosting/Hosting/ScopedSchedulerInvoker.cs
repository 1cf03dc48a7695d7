using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Hosting.Hosting;

/// <summary>Resolves the user's scheduler in a new DI scope for every callback.</summary>
internal sealed class ScopedSchedulerInvoker<TScheduler>(IServiceScopeFactory scopes) : ISchedulerInvoker
    where TScheduler : class, IMesosScheduler
{
    public async Task InvokeAsync(Func<IMesosScheduler, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await callback(scope.ServiceProvider.GetRequiredService<TScheduler>(), cancellationToken).ConfigureAwait(false);
        }
    }
}
