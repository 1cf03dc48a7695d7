using Mesos.Hosting.GenericHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Tests.Executor;

/// <summary>The lean executor host's logger: the console logger's simple layout, and its levels from the same configuration.</summary>
public sealed class SandboxConsoleLoggerTests
{
    [Fact]
    public void Entries_are_laid_out_as_the_console_loggers_simple_format_lays_them_out()
    {
        var output = new StringWriter();
        using var provider = new SandboxConsoleLoggerProvider(output);
        var logger = provider.CreateLogger("Mesos.Hosting.Executor");

        logger.Log(LogLevel.Information, new EventId(101), "Subscribing to the Mesos agent", null, (s, _) => s);
        logger.Log(LogLevel.Error, new EventId(7), "Task t1 failed:\nits runner threw", new InvalidOperationException("boom"), (s, _) => s);

        Assert.Equal(
            "info: Mesos.Hosting.Executor[101]\n      Subscribing to the Mesos agent\n"
            + "fail: Mesos.Hosting.Executor[7]\n      Task t1 failed:\n      its runner threw\n      System.InvalidOperationException: boom\n",
            output.ToString());
    }

    [Fact]
    public void The_logging_sections_console_levels_apply_to_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:Console:LogLevel:Default"] = "Warning",
        }).Build();
        var output = new StringWriter();
        using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new SandboxConsoleLoggerProvider(output)));
        var logger = loggers.CreateLogger("Mesos.Hosting.Executor");

        logger.Log(LogLevel.Information, default, "not written", null, (s, _) => s);
        logger.Log(LogLevel.Warning, default, "written", null, (s, _) => s);

        Assert.Equal("warn: Mesos.Hosting.Executor[0]\n      written\n", output.ToString());
    }

    [Fact]
    public void An_empty_message_writes_the_header_alone_and_no_message_nor_exception_writes_nothing()
    {
        var output = new StringWriter();
        using var provider = new SandboxConsoleLoggerProvider(output);
        var logger = provider.CreateLogger("c");

        logger.Log(LogLevel.Warning, new EventId(3), "", null, (s, _) => s);
        logger.Log(LogLevel.Warning, new EventId(4), "", null, (_, _) => null!);

        Assert.Equal("warn: c[3]\n", output.ToString());
    }

    [Fact]
    public void A_standard_output_that_fails_loses_the_line_not_the_executor()
    {
        using var provider = new SandboxConsoleLoggerProvider(new FailingWriter());

        var logging = Record.Exception(() => provider.CreateLogger("Mesos.Hosting.Executor").Log(LogLevel.Error, default, "lost", null, (s, _) => s));

        Assert.Null(logging);
    }

    /// <summary>A standard output on a full disk.</summary>
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
