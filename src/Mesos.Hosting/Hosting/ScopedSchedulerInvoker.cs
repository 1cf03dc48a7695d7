using Mesos.Hosting.Scheduler;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Hosting.Hosting;

/// <summary>Resolves the user's scheduler in a new DI scope for every callback.</summary>
internal sealed class ScopedSchedulerInvoker<TScheduler>(IServiceScopeFactory scopes) : ISchedulerInvoker
    where TScheduler : class, IMesosScheduler
{
    public async Task InvokeAsync<TState>(Func<IMesosScheduler, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await callback(scope.ServiceProvider.GetRequiredService<TScheduler>(), state, cancellationToken).ConfigureAwait(false);
        }
    }
}
