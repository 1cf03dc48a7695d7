using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

using Mesos.Hosting.Dispatch;

namespace Mesos.Hosting.GenericHost;

/// <summary>How a driver calls the user's handler: in a new DI scope per callback, or directly when it is a singleton.</summary>
internal static class HandlerInvokers
{
    /// <summary>
    /// Reads the handler's registration as the container was built from it (the user may register it
    /// before or after adding the driver); a singleton is called directly, anything else in a scope per callback.
    /// </summary>
    public static IHandlerInvoker<THandler> For<THandler, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(IServiceCollection registrations, IServiceProvider services)
        where TImplementation : class, THandler
        => registrations.LastOrDefault(d => d.ServiceType == typeof(TImplementation) && !d.IsKeyedService)?.Lifetime == ServiceLifetime.Singleton
            ? new SingletonHandlerInvoker<THandler, TImplementation>(services)
            : new ScopedHandlerInvoker<THandler, TImplementation>(services.GetRequiredService<IServiceScopeFactory>());
}
