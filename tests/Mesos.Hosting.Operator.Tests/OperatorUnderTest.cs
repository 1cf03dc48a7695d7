using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>The operator client as an application gets it, from AddMesosOperator, with its log lines collected.</summary>
internal sealed class OperatorUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OperatorUnderTest(ServiceProvider services, LogSink logs)
    {
        _services = services;
        Logs = logs;
    }

    public IMesosOperator Operator => _services.GetRequiredService<IMesosOperator>();

    public LogSink Logs { get; }

    /// <summary>A client of <paramref name="master"/>, with short pauses between attempts so that tests run fast.</summary>
    public static OperatorUnderTest Create(Uri master, string contentType, Action<MesosOperatorOptions>? configure = null)
    {
        var logs = new LogSink();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddMesosOperator(o =>
        {
            o.Master = master.ToString();
            o.ContentType = contentType;
            o.CallTimeout = TimeSpan.FromSeconds(5);
            o.RetryInitialDelay = TimeSpan.FromMilliseconds(20);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
        return new OperatorUnderTest(services.BuildServiceProvider(), logs);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
