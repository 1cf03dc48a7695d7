using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>What Mesos rejects, with messages that name the resource.</summary>
public sealed class ValidationTests
{
    public static TheoryData<Resource, string> Invalid => new()
    {
        { R.Cpus(-1), "Resource 'cpus:-1' is invalid: the scalar -1 is negative" },
        { R.Cpus(double.NaN), "Resource 'cpus:NaN' is invalid: the scalar NaN is not a finite number" },
        { R.Cpus(double.PositiveInfinity), "not a finite number" },
        { new Resource { Name = string.Empty, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 1 } }, "Resource '(no name):1' is invalid: the name is empty" },
        { new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Ranges = new Value.Types.Ranges() }, "a SCALAR resource must carry a scalar and nothing else" },
        { new Resource { Name = "ports", Type = Value.Types.Type.Ranges, Scalar = new Value.Types.Scalar { Value = 1 } }, "a RANGES resource must carry ranges and nothing else" },
        { new Resource { Name = "zones", Type = Value.Types.Type.Text }, "the type Text is not a resource type" },
        { R.UncheckedPorts((5, 1)), "the range 5-1 begins after it ends" },
        { R.UncheckedPorts((1, 5), (4, 9)), "Resource 'ports:[1-5,4-9]' is invalid: the ranges 1-5 and 4-9 overlap" },
        { new Resource { Name = "disks", Type = Value.Types.Type.Set, Set = new Value.Types.Set { Item = { "a", "a" } } }, "the set holds 'a' more than once" },
        { R.Reserve(R.Cpus(1), "*"), "role \"*\" cannot be reserved" },
        { R.Reserve(R.Cpus(1), "eng", "ops"), "role 'ops' is not a refinement of 'eng'" },
        { R.Reserve(R.Cpus(1), "eng//web"), "cannot start or end with a slash, nor contain two adjacent slashes" },
        { WithDisk(R.Cpus(1)), "DiskInfo is only for disk resources, not cpus" },
        { Shared(R.Cpus(1)), "only persistent volumes can be shared" },
        { new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 1 }, Reservations = { new Resource.Types.ReservationInfo { Role = "web" } } }, "a reservation's type must be STATIC or DYNAMIC" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_resources_are_named_in_the_message(Resource resource, string expected)
    {
        var problem = ResourceValidation.Validate(resource);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.StartsWith("Resource '", problem, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => ResourceSet.Of(resource));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_resources_have_no_problem_and_a_list_reports_each_bad_one()
    {
        Assert.Null(ResourceValidation.Validate(R.Cpus(0)));
        Assert.Null(ResourceValidation.Validate(R.Volume("v", 1, shared: true)));
        Assert.Null(ResourceValidation.Validate(R.Cpus(1, "eng", "eng/web")));

        var problems = ResourceValidation.Validate([R.Cpus(1), R.Cpus(-2), R.Scalar(MesosResources.Mem, double.NaN)]);

        Assert.Equal(2, problems.Count);
        Assert.Contains("cpus:-2", problems[0], StringComparison.Ordinal);
        Assert.Contains("mem:NaN", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_is_false_for_an_invalid_resource_rather_than_a_false_positive()
    {
        Assert.False(ResourceSet.Of(R.Cpus(1)).Contains(R.Cpus(-1)));
    }

    private static Resource WithDisk(Resource resource)
    {
        resource.Disk = new Resource.Types.DiskInfo();
        return resource;
    }

    private static Resource Shared(Resource resource)
    {
        resource.Shared = new Resource.Types.SharedInfo();
        return resource;
    }
}
