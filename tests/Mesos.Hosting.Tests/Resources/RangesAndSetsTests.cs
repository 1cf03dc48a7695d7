using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Ranges coalesce and subtract as intervals; sets ignore order and repeats.</summary>
public sealed class RangesAndSetsTests
{
    [Fact]
    public void Adjacent_and_overlapping_ranges_coalesce()
    {
        var set = ResourceSet.Of(R.Ports((31005, 31010), (31000, 31002))).Add(R.Ports((31003, 31004), (31008, 31020)));

        Assert.Equal("[31000-31020]", ResourceText.FormatRanges(set.Ports));
        Assert.Single(set);
    }

    [Fact]
    public void Subtracting_a_range_from_the_middle_splits_it()
    {
        var set = ResourceSet.Of(R.Ports((1, 10))).Subtract(R.Ports((3, 4), (10, 10)));

        Assert.Equal("[1-2,5-9]", ResourceText.FormatRanges(set.Ports));
    }

    [Fact]
    public void Ranges_contain_a_subset_only()
    {
        var set = ResourceSet.Of(R.Ports((31000, 31001), (31005, 31010)));

        Assert.True(set.Contains(R.Ports((31000, 31000), (31006, 31010))));
        Assert.False(set.Contains(R.Ports((31001, 31005))));
        Assert.Empty(set.Subtract(R.Ports((31000, 31010))));
    }

    [Fact]
    public void Sets_add_without_repeats_and_compare_regardless_of_order()
    {
        var a = ResourceSet.Of(MesosResources.Set("disks", ["sda", "sdb"]));
        var sum = a.Add(MesosResources.Set("disks", ["sdb", "sdc"]));

        Assert.Equal(["sda", "sdb", "sdc"], sum.Set("disks")!.Item);
        Assert.Equal(ResourceSet.Of(MesosResources.Set("disks", ["sdc", "sdb", "sda"])), sum);
        Assert.Equal(["sda"], sum.Subtract(MesosResources.Set("disks", ["sdb", "sdc"])).Set("disks")!.Item);
        Assert.False(a.Contains(MesosResources.Set("disks", ["sdc"])));
    }

    [Fact]
    public void Ports_total_across_reservations_and_roles()
    {
        var set = ResourceSet.Of(R.Ports((31000, 31004)), R.Reserve(R.Ports((31005, 31009)), "web"));

        Assert.Equal(2, set.Count);
        Assert.Equal("[31000-31009]", ResourceText.FormatRanges(set.Ports));
        Assert.Equal(10UL, ValueRanges.Count(set.Ports));
    }

    [Fact]
    public void Value_type_getters_ignore_resources_of_other_types()
    {
        var set = ResourceSet.Of(R.Ports((1, 2)), MesosResources.Set("zones", ["a"]), R.Cpus(2));

        Assert.Null(set.Scalar(MesosResources.Ports));
        Assert.Null(set.Ranges(MesosResources.Cpus));
        Assert.Null(set.Set("nothing"));
        Assert.Equal(Value.Types.Type.Ranges, set.Named(MesosResources.Ports).Single().Type);
    }
}
