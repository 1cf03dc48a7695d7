using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

using Mesos.Hosting.Dispatch;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// Calls a handler registered as a singleton: a scope per callback would resolve the same instance and
/// serve nothing else, so none is made. Resolved at the first callback, not before: the handler may
/// depend on the driver that holds this invoker.
/// </summary>
internal sealed class SingletonHandlerInvoker<THandler, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(IServiceProvider services) : IHandlerInvoker<THandler>
    where TImplementation : class, THandler
{
    private readonly Lazy<TImplementation> _handler = new(services.GetRequiredService<TImplementation>);

    public Task InvokeAsync<TState>(Func<THandler, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken)
        => callback(_handler.Value, state, cancellationToken);
}
