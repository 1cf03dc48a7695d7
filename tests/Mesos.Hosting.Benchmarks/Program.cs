using BenchmarkDotNet.Running;

namespace Mesos.Hosting.Benchmarks;

internal static class Program
{
    // BenchmarkDotNet suites: dotnet run -c Release --project tests/Mesos.Hosting.Benchmarks -- --filter '*'
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
}
