using Mesos.Hosting.TestSupport.Hosting;
using Mesos.Hosting.TestSupport.Observation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>An operator client's options refused as the host starts: as the scheduler's are, one Critical line each, exit code 2, no abort.</summary>
public sealed class RefusedOptionsTests
{
    [Fact]
    public async Task Every_problem_is_one_line_naming_the_key_and_the_host_stops_by_itself_with_exit_code_2()
    {
        var logs = new LogSink();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddMesosOperator(o =>
        {
            o.Masters = ["mesos-master:5050"];
            o.CallRetries = -1;
        });
        using var host = builder.Build();
        await RefusedStart.StopsByItselfWithExitCode2Async(host);

        const string Prefix = "Critical Mesos.Hosting.Operator: ";
        Assert.Equal(
            [
                Prefix + "Invalid configuration: Mesos:Operator:Masters:0: 'mesos-master:5050' is not an absolute http or https URL, nor a zk:// URL.",
                Prefix + "Invalid configuration: Mesos:Operator:CallRetries: '-1' must be at least 0.",
                Prefix + "The Mesos operator client did not start: 2 configuration problem(s); the process exits with code 2",
            ],
            logs.Lines.Snapshot().Where(l => l.StartsWith("Critical", StringComparison.Ordinal)));
    }
}
