using BenchmarkDotNet.Running;

namespace Mesos.Hosting.Benchmarks;

internal static class Program
{
    // End-to-end harnesses print one line of figures; everything else goes to BenchmarkDotNet:
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- ingest [--events N] | --from FILE [--megabytes N] | --write-offers FILE [--offers N] [--events N]
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- acks [--tasks N] [--updates N]
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- executor-startup [--launches N] [--aot]
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- placement [--requests N] [--offers N] [--agent-cpus N] [--runs N]
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- failover [--runs N] [--session-timeout MS]
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- scale [--quick | --agents N --tasks N]
    //   (scale-driver is the process scale starts for its driver, not a harness of its own)
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- workloads [--tasks N]
    //   dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- --filter '*'
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "ingest":
                return await IngestHarness.RunAsync(HarnessArguments.Parse(args.Skip(1)));
            case "acks":
                return await AcknowledgementHarness.RunAsync(HarnessArguments.Parse(args.Skip(1)));
            case "executor-startup":
                return await ExecutorStartupHarness.RunAsync(args.Skip(1).ToList());
            case "placement":
                return await PlacementHarness.RunAsync(HarnessArguments.Parse(args.Skip(1)));
            case "failover":
                return await FailoverHarness.RunAsync(HarnessArguments.Parse(args.Skip(1)));
            case "workloads":
                return await WorkloadsHarness.RunAsync(HarnessArguments.Parse(args.Skip(1)));
            case "scale":
                return await ScaleHarness.RunAsync([.. args.Skip(1)]);
            case "scale-driver":
                return await ScaleDriver.RunAsync(HarnessArguments.Parse(args.Skip(1)));
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
                return 0;
        }
    }
}
