using Microsoft.Extensions.DependencyInjection;

using Mesos.Hosting.Dispatch;

namespace Mesos.Hosting.GenericHost;

/// <summary>Resolves the user's handler in a new DI scope for every callback.</summary>
internal sealed class ScopedHandlerInvoker<THandler, TImplementation>(IServiceScopeFactory scopes) : IHandlerInvoker<THandler>
    where TImplementation : class, THandler
{
    public async Task InvokeAsync<TState>(Func<THandler, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await callback(scope.ServiceProvider.GetRequiredService<TImplementation>(), state, cancellationToken).ConfigureAwait(false);
        }
    }
}
