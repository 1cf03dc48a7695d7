namespace Mesos.Hosting.Hosting;

/// <summary>How a driver reaches the user's handler (a scheduler or an executor); the hosting layer makes one DI scope per call.</summary>
internal interface IHandlerInvoker<out THandler>
{
    /// <remarks>The callback takes its arguments as state, so that a static lambda needs no closure per event.</remarks>
    Task InvokeAsync<TState>(Func<THandler, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken);
}
