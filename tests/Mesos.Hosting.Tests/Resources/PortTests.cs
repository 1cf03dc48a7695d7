using Mesos.Hosting.Resources;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Taking ports from an offer: the lowest first, reserved ones first for a role.</summary>
public sealed class PortTests
{
    [Fact]
    public void Three_ports_from_two_ranges_are_the_three_lowest()
    {
        var offer = ResourceSet.Of(R.Ports((31005, 31010), (31000, 31001)));

        var taken = MesosPorts.Take(offer, 3);

        Assert.NotNull(taken);
        Assert.Equal([31000UL, 31001UL, 31005UL], taken.Numbers);
        Assert.Equal("[31000-31001,31005-31005]", ResourceText.FormatRanges(Assert.Single(taken.Resources).Ranges));
        Assert.True(offer.Contains(taken.Resources));
    }

    [Fact]
    public void Too_few_ports_is_null_and_none_is_empty()
    {
        var offer = ResourceSet.Of(R.Ports((31000, 31001)));

        Assert.Null(MesosPorts.Take(offer, 3));
        Assert.Empty(MesosPorts.Take(offer, 0)!.Numbers);
        Assert.Null(MesosPorts.Take(ResourceSet.Of(R.Cpus(1)), 1));
    }

    [Fact]
    public void Ports_reserved_to_the_role_come_first()
    {
        var offer = ResourceSet.Of(R.Ports((31000, 31009)), R.Reserve(R.Ports((32000, 32001)), "web"));

        var taken = MesosPorts.Take(offer, 3, "web")!;

        Assert.Equal([31000UL, 32000UL, 32001UL], taken.Numbers);
        Assert.Equal("[32000-32001]", ResourceText.FormatRanges(taken.Resources.Reserved("web").Ports));
        Assert.Equal("[31000-31000]", ResourceText.FormatRanges(taken.Resources.Unreserved().Ports));
    }

    [Fact]
    public void Specific_ports_are_taken_with_their_reservation_or_not_at_all()
    {
        var offer = ResourceSet.Of(R.Ports((31000, 31009)), R.Reserve(R.Ports((32000, 32001)), "web"));

        var taken = MesosPorts.TakeSpecific(offer, [32001, 31004])!;

        Assert.Equal([31004UL, 32001UL], taken.Numbers);
        Assert.Equal(2, taken.Resources.Count);
        Assert.Null(MesosPorts.TakeSpecific(offer, [31004, 33000]));
    }
}
