using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Find: the concrete resources of an offer that make up a wanted amount, in Mesos's order of preference.</summary>
public sealed class FindTests
{
    private static readonly ResourceSet Offer = ResourceSet.Of(
        R.Allocated(R.Cpus(2, "web"), "web"),
        R.Allocated(R.Cpus(4), "web"),
        R.Allocated(R.Cpus(1, "eng"), "web"),
        R.Allocated(R.Scalar(MesosResources.Mem, 1024), "web"));

    [Fact]
    public void A_want_reserved_to_a_role_takes_that_roles_reservation_first_then_unreserved()
    {
        var found = Offer.Find(R.Cpus(3, "web"));

        Assert.NotNull(found);
        Assert.Equal(2, found.Reserved("web").Cpus);
        Assert.Equal(1, found.Unreserved().Cpus);
        Assert.All(found, r => Assert.Equal("web", r.AllocationInfo.Role));
        Assert.True(Offer.Contains(found));
    }

    [Fact]
    public void An_unreserved_want_takes_unreserved_first_then_any_reservation()
    {
        Assert.Equal(ResourceSet.Of(R.Allocated(R.Cpus(3), "web")), Offer.Find(R.Cpus(3)));

        var all = Offer.Find(R.Cpus(7));
        Assert.NotNull(all);
        Assert.Equal(7, all.Cpus);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void Find_is_null_when_the_offer_has_too_little()
    {
        Assert.Null(Offer.Find(R.Cpus(7.001)));
        Assert.Null(Offer.Find(R.Scalar(MesosResources.Gpus, 1)));
        Assert.Null(Offer.Find(R.Allocated(R.Cpus(1), "batch")));
    }

    [Fact]
    public void Several_wants_never_use_the_same_resource_twice()
    {
        var found = Offer.Find(ResourceSet.Of(R.Cpus(4, "web"), R.Cpus(3), R.Scalar(MesosResources.Mem, 512)));

        Assert.NotNull(found);
        Assert.Equal(7, found.Cpus);
        Assert.Equal(512, found.Mem);
        Assert.True(Offer.Contains(found));
        Assert.Null(Offer.Find(ResourceSet.Of(R.Cpus(4, "web"), R.Cpus(4))));
    }

    [Fact]
    public void Ranges_are_found_across_reservations()
    {
        var offer = ResourceSet.Of(R.Reserve(R.Ports((31000, 31004)), "web"), R.Ports((31005, 31010)));

        var found = offer.Find(R.Ports((31003, 31006)));

        Assert.NotNull(found);
        Assert.Equal("[31003-31004]", ResourceText.FormatRanges(found.Reserved("web").Ports));
        Assert.Equal("[31005-31006]", ResourceText.FormatRanges(found.Unreserved().Ports));
        Assert.Null(offer.Find(R.Ports((31010, 31011))));
    }

    [Fact]
    public void A_refined_reservation_is_found_for_the_subrole()
    {
        var offer = ResourceSet.Of(R.Cpus(2, "eng", "eng/web"), R.Cpus(2, "eng"), R.Cpus(2));

        var found = offer.Find(R.Cpus(3, "eng/web"));

        Assert.NotNull(found);
        Assert.Equal(2, found.Reserved("eng/web").Cpus);
        Assert.Equal(1, found.Unreserved().Cpus);
    }
}
