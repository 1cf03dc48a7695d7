using Mesos.Hosting.GenericHost;
using Mesos.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>How the driver reaches the user's scheduler: a DI scope per callback, unless it is a singleton.</summary>
public sealed class HandlerInvokerTests
{
    [Fact]
    public async Task A_scheduler_registered_the_default_way_gets_a_new_scope_and_instance_per_callback()
    {
        var services = new ServiceCollection();
        services.AddScoped<ScopeProbe>();
        services.AddSingleton<Creations>();
        services.AddScoped<CountingScheduler>();
        await using var provider = services.BuildServiceProvider();
        var invoker = HandlerInvokers.For<IMesosScheduler, CountingScheduler>(services, provider);

        var seen = new List<(CountingScheduler Scheduler, ScopeProbe Probe)>();
        await invoker.InvokeAsync(static (s, list, _) => Record(s, list), seen, CancellationToken.None);
        await invoker.InvokeAsync(static (s, list, _) => Record(s, list), seen, CancellationToken.None);

        Assert.NotSame(seen[0].Scheduler, seen[1].Scheduler);
        Assert.NotSame(seen[0].Probe, seen[1].Probe);
        Assert.True(seen[0].Probe.Disposed);
    }

    [Fact]
    public async Task A_scheduler_registered_as_a_singleton_is_called_directly_and_resolved_only_when_first_needed()
    {
        var services = new ServiceCollection();
        services.AddScoped<ScopeProbe>();
        services.AddSingleton<Creations>();
        services.AddSingleton<CountingScheduler>();
        await using var provider = services.BuildServiceProvider();
        var invoker = HandlerInvokers.For<IMesosScheduler, CountingScheduler>(services, provider);
        var creations = provider.GetRequiredService<Creations>();
        Assert.Equal(0, creations.Count);

        var seen = new List<(CountingScheduler Scheduler, ScopeProbe Probe)>();
        await invoker.InvokeAsync(static (s, list, _) => Record(s, list), seen, CancellationToken.None);
        await invoker.InvokeAsync(static (s, list, _) => Record(s, list), seen, CancellationToken.None);

        Assert.Same(seen[0].Scheduler, seen[1].Scheduler);
        Assert.Equal(1, creations.Count);
    }

    private static Task Record(IMesosScheduler scheduler, List<(CountingScheduler, ScopeProbe)> seen)
    {
        var counting = (CountingScheduler)scheduler;
        seen.Add((counting, counting.Probe));
        return Task.CompletedTask;
    }

    private sealed class ScopeProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class Creations
    {
        public int Count { get; set; }
    }

    private sealed class CountingScheduler : MesosScheduler
    {
        public CountingScheduler(IServiceProvider services)
        {
            services.GetRequiredService<Creations>().Count++;
            Probe = services.GetRequiredService<ScopeProbe>();
        }

        public ScopeProbe Probe { get; }

        public override Task StatusUpdateAsync(TaskStatus status, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task RegisteredAsync(FrameworkID frameworkId, MasterInfo master, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
