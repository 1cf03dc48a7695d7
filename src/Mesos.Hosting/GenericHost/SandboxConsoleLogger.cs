using System.Text;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.GenericHost;

/// <summary>
/// The lean executor host's logger: each entry written at once to standard output, which the agent keeps as the
/// sandbox's stdout file, in the layout of the console logger's default (simple) format, so that a sandbox reads the
/// same under either host. The console logger itself builds an options monitor for each of its three formatters and
/// starts a thread to write on, about a fifth of a NativeAOT executor's start-up; a sandbox's stdout is a file, which
/// takes a line without keeping the caller waiting. Filtering stays the logger factory's (the <c>Logging</c>
/// section, with <c>Console</c> as this provider's name there too); scopes are not written, as the simple format's default.
/// </summary>
[ProviderAlias("Console")]
internal sealed class SandboxConsoleLoggerProvider(TextWriter output) : ILoggerProvider
{
    private const string Padding = "      ";
    private readonly Lock _gate = new();

    public SandboxConsoleLoggerProvider()
        : this(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true })
    {
    }

    public ILogger CreateLogger(string categoryName) => new SandboxConsoleLogger(this, categoryName);

    public void Dispose() => Output(static output => output.Flush());

    // As the simple format: nothing for an entry without message or exception, no message line for an empty message.
    private void Write(LogLevel level, string category, EventId eventId, string? message, Exception? exception)
    {
        if (message is null && exception is null)
        {
            return;
        }

        var entry = new StringBuilder(category.Length + (message?.Length ?? 0) + 32)
            .Append(Abbreviation(level)).Append(": ").Append(category).Append('[').Append(eventId.Id).Append(']').Append('\n');
        if (!string.IsNullOrEmpty(message))
        {
            Indented(entry, message);
        }

        if (exception is not null)
        {
            Indented(entry, exception.ToString());
        }

        var text = entry.ToString();
        Output(output => output.Write(text));
    }

    private void Output(Action<TextWriter> write)
    {
        lock (_gate)
        {
            try
            {
                write(output);
            }
            catch (IOException)
            {
                // Standard output is gone (a full disk, a closed pipe): there is nowhere left to say so, and a log
                // line is not worth stopping the executor for.
            }
        }
    }

    // Every line of the text starts with the padding, as the simple format lays out a multi-line message.
    private static void Indented(StringBuilder entry, string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            entry.Append(Padding).Append(line).Append('\n');
        }
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private sealed class SandboxConsoleLogger(SandboxConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}
