using Mesos.Hosting.Diagnostics;

namespace Mesos.Hosting.Tests.Diagnostics;

/// <summary>When the scheduler warns that the garbage collector's youngest generation was sized from no cache at all.</summary>
public sealed class GarbageCollectorBudgetTests
{
    private static readonly Func<string, string?> NothingSet = _ => null;

    [Fact]
    public void A_linux_machine_that_lists_no_caches_and_sets_no_budget_is_starved()
        => Assert.True(GarbageCollectorBudget.IsStarved(linux: true, cachesListed: false, NothingSet));

    [Theory]
    [InlineData("DOTNET_GCgen0size")]
    [InlineData("COMPlus_GCgen0size")]
    public void A_budget_set_in_the_environment_under_either_prefix_is_enough(string setting)
        => Assert.False(GarbageCollectorBudget.IsStarved(linux: true, cachesListed: false, name => name == setting ? "0x4000000" : null));

    [Fact]
    public void An_empty_setting_sets_nothing()
        => Assert.True(GarbageCollectorBudget.IsStarved(linux: true, cachesListed: false, _ => string.Empty));

    [Fact]
    public void Listed_caches_are_enough()
        => Assert.False(GarbageCollectorBudget.IsStarved(linux: true, cachesListed: true, NothingSet));

    [Fact]
    public void Other_systems_are_not_judged_by_a_linux_path()
        => Assert.False(GarbageCollectorBudget.IsStarved(linux: false, cachesListed: false, NothingSet));
}
