namespace Mesos.Hosting.Dispatch;

/// <summary>
/// How a driver reaches the user's handler (a scheduler or an executor). The drivers know only this port;
/// the hosting layer implements it, resolving the handler from DI (a scope per callback, or a singleton).
/// </summary>
internal interface IHandlerInvoker<out THandler>
{
    /// <remarks>The callback takes its arguments as state, so that a static lambda needs no closure per event.</remarks>
    Task InvokeAsync<TState>(Func<THandler, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken);
}
