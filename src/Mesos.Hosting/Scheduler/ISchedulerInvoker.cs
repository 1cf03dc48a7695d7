namespace Mesos.Hosting.Scheduler;

/// <summary>How the driver reaches the user's scheduler; the hosting layer makes one DI scope per call.</summary>
internal interface ISchedulerInvoker
{
    /// <remarks>The callback takes its arguments as state, so that a static lambda needs no closure per event.</remarks>
    Task InvokeAsync<TState>(Func<IMesosScheduler, TState, CancellationToken, Task> callback, TState state, CancellationToken cancellationToken);
}
