using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.TestSupport.Observation;

/// <summary>Every log line the driver writes, as "Level Category: message", for tests to wait on and read.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public Observed<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public Task WaitForAsync(string fragment, TimeSpan timeout)
        => Lines.WaitAsync(lines => lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)), timeout, $"a log line with '{fragment}'");

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => sink.Lines.Add($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
