namespace Mesos.Hosting.Scheduler;

/// <summary>How the driver reaches the user's scheduler; the hosting layer makes one DI scope per call.</summary>
internal interface ISchedulerInvoker
{
    Task InvokeAsync(Func<IMesosScheduler, CancellationToken, Task> callback, CancellationToken cancellationToken);
}
