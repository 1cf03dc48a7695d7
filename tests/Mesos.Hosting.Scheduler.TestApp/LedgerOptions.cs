/// <summary>The <c>Work</c> section: how many tasks, what they run, and the folder the instances share.</summary>
internal sealed class LedgerOptions
{
    public const string SectionName = "Work";

    public int Tasks { get; set; }

    public string Command { get; set; } = "sleep 0.3";

    public string Ledger { get; set; } = string.Empty;
}
