using Mesos.Hosting.Resources;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>The agent's <c>--resources</c> text form, and Mesos's way of writing resources back.</summary>
public sealed class ParseTests
{
    [Fact]
    public void The_text_form_reads_scalars_ranges_sets_and_static_reservations()
    {
        var set = ResourceSet.Parse("cpus:4; mem:1024; cpus(web):2; ports:[31000-31005,32000-32000]; disks:{a,b}");

        Assert.Equal(6, set.Cpus);
        Assert.Equal(2, set.Reserved("web").Cpus);
        Assert.Equal(1024, set.Mem);
        Assert.Equal("[31000-31005,32000-32000]", ResourceText.FormatRanges(set.Ports));
        Assert.Equal(["a", "b"], set.Set("disks")!.Item);
        Assert.Equal(2, ResourceSet.Parse("cpus:2", "web").Reserved("web").Cpus);
    }

    [Theory]
    [InlineData("cpus", "Resource 'cpus' is not 'name:value'")]
    [InlineData("cpus:lots", "'lots' is not a number")]
    [InlineData("cpus(web:1", "mismatched parentheses")]
    [InlineData("ports:[1-x]", "'1-x' is not a range")]
    [InlineData("cpus:-1", "Resource 'cpus:-1' is invalid")]
    [InlineData("cpus(*/x):1", "Role '*/x' cannot include '*' as a component")]
    public void Bad_text_is_refused_naming_the_part(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ResourceSet.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_are_written_the_way_mesos_logs_them()
    {
        var set = ResourceSet.Of(R.Allocated(R.Cpus(0.5, "eng", "eng/web"), "eng/web"), R.Ports((31000, 31002)), R.Volume("data", 64));

        Assert.Equal(
            "cpus(allocated: eng/web)(reservations: [(STATIC,eng),(DYNAMIC,eng/web)]):0.5; ports:[31000-31002]; disk(reservations: [(DYNAMIC,db,ops)])[data]:64",
            set.ToString());
        Assert.Equal("{}", ResourceSet.Empty.ToString());
    }
}
