using Microsoft.Extensions.Hosting;

namespace Mesos.Hosting.Tests.Executor;

/// <summary>The lean executor host: what it sets up for a fast start.</summary>
public sealed class MesosExecutorHostTests
{
    [Fact]
    public void Its_service_provider_resolves_by_reflection_alone()
    {
        MesosExecutorHost.CreateApplicationBuilder([]);

        Assert.True(AppContext.TryGetSwitch("Microsoft.Extensions.DependencyInjection.DisableDynamicEngine", out var disabled));
        Assert.True(disabled);
    }
}
