using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mesos.Hosting.Benchmarks;

/// <summary>Events per second, from the mean time of one operation (each operation is one event).</summary>
internal sealed class EventsPerSecondColumn : IColumn
{
    public string Id => nameof(EventsPerSecondColumn);

    public string ColumnName => "Events/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Events decoded per second (1 / mean time per event)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        var meanNanoseconds = report?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0 ? (1e9 / meanNanoseconds.Value).ToString("N0", CultureInfo.InvariantCulture) : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
