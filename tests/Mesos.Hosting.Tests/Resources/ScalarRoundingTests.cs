using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Mesos keeps three decimals of a scalar: sums are exact where doubles are not.</summary>
public sealed class ScalarRoundingTests
{
    [Fact]
    public void Point_one_plus_point_two_cpus_is_exactly_point_three()
    {
        Assert.NotEqual(0.3, 0.1 + 0.2);
        var set = ResourceSet.Of(R.Cpus(0.1)).Add(R.Cpus(0.2));

        Assert.Equal(0.3, set.Cpus);
        Assert.Single(set);
        Assert.True(set.Contains(R.Cpus(0.3)));
        Assert.Equal(0.3, MesosResources.ScalarSum([R.Cpus(0.1), R.Cpus(0.2)], MesosResources.Cpus));
    }

    [Fact]
    public void A_third_is_kept_as_0_333_so_three_thirds_make_0_999()
    {
        var third = ResourceSet.Of(R.Cpus(1.0 / 3));

        Assert.Equal(0.333, third.Cpus);
        Assert.Equal(0.999, (third + third + third).Cpus);
        Assert.Equal(0.667, ResourceSet.Of(R.Cpus(2.0 / 3)).Cpus);
    }

    [Fact]
    public void Half_a_thousandth_rounds_away_from_zero_and_less_is_rejected_as_zero()
    {
        Assert.Equal(0.001, ResourceSet.Of(R.Cpus(0.0005)).Cpus);
        Assert.Contains("rounds to zero", ResourceValidation.Validate(R.Cpus(0.0004)));
    }

    [Fact]
    public void Subtracting_to_zero_removes_the_resource_and_going_below_zero_removes_it_too()
    {
        var set = ResourceSet.Of(R.Cpus(1), R.Scalar(MesosResources.Mem, 64));

        Assert.Equal(0, set.Subtract(R.Cpus(1)).Cpus);
        Assert.Null(set.Subtract(R.Cpus(1)).Scalar(MesosResources.Cpus));
        Assert.Null(set.Subtract(R.Cpus(2)).Scalar(MesosResources.Cpus));
        Assert.Equal(0.7, set.Subtract(R.Cpus(0.3)).Cpus);
    }

    [Fact]
    public void Scalars_compare_at_three_decimals()
    {
        var offered = ResourceSet.Of(R.Cpus(0.3));

        Assert.True(offered.Contains(R.Cpus(0.1 + 0.2)));
        Assert.True(offered.Contains(R.Cpus(0.3001)));
        Assert.False(offered.Contains(R.Cpus(0.301)));
        Assert.Equal(ResourceSet.Of(R.Cpus(0.1 + 0.2)), offered);
    }

    [Fact]
    public void Scalars_of_different_types_or_names_never_combine()
    {
        var set = ResourceSet.Of(R.Cpus(1), R.Scalar(MesosResources.Mem, 1), R.Scalar("cpus2", 1));

        Assert.Equal(3, set.Count);
        Assert.Equal(1, set.Cpus);
        Assert.Equal(Value.Types.Type.Scalar, set.Single(r => r.Name == "cpus2").Type);
    }
}
