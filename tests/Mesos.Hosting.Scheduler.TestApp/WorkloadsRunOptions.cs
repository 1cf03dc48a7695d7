/// <summary>The <c>Workloads</c> section: how many one-off tasks the workloads run, and what each runs.</summary>
internal sealed class WorkloadsRunOptions
{
    public const string SectionName = "Workloads";

    public int Tasks { get; set; }

    public string Command { get; set; } = "sleep 0.2";
}
