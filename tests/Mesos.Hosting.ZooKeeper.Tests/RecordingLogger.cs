using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.ZooKeeper.Tests;

/// <summary>A logger that keeps every entry, with its structured values, for tests to look at.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> Named(string eventName) => Entries.Where(entry => entry.EventName == eventName).ToList();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new LogEntry(logLevel, eventId.Name ?? string.Empty, formatter(state, exception), values.ToDictionary(pair => pair.Key, pair => pair.Value)));
    }
}

public sealed record LogEntry(LogLevel Level, string EventName, string Message, IReadOnlyDictionary<string, object?> Values);
