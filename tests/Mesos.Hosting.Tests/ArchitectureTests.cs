using Mesos.Hosting.Scheduler;
using NetArchTest.Rules;

namespace Mesos.Hosting.Tests;

/// <summary>
/// The layers of DESIGN.md, read from the SDK assembly's type references: each layer talks only to the one
/// below it, the connection and the wire know nothing of the drivers or the hosting, and the drivers know no DI.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Sdk = typeof(ISchedulerDriver).Assembly;

    [Theory]
    [InlineData("Mesos.Hosting.Connection")]
    [InlineData("Mesos.Hosting.Wire")]
    public void The_connection_and_the_wire_name_no_driver_and_no_hosting_type(string layer)
    {
        var result = Types.InAssembly(Sdk).That().ResideInNamespace(layer)
            .ShouldNot().HaveDependencyOnAny("Mesos.Hosting.Scheduler", "Mesos.Hosting.Executor", "Mesos.Hosting.GenericHost", "Microsoft.Extensions.DependencyInjection")
            .GetResult();

        Assert.True(result.IsSuccessful, $"{layer} depends on a layer above it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [InlineData("Mesos.Hosting.Scheduler")]
    [InlineData("Mesos.Hosting.Executor")]
    [InlineData("Mesos.Hosting.Dispatch")]
    public void The_drivers_know_no_dependency_injection_and_no_hosting(string layer)
    {
        var result = Types.InAssembly(Sdk).That().ResideInNamespace(layer)
            .ShouldNot().HaveDependencyOnAny("Microsoft.Extensions.DependencyInjection", "Mesos.Hosting.GenericHost")
            .GetResult();

        Assert.True(result.IsSuccessful, $"{layer} depends on DI or the hosting layer: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_rules_do_see_a_dependency_where_there_is_one()
    {
        var result = Types.InAssembly(Sdk).That().ResideInNamespace("Mesos.Hosting.GenericHost")
            .ShouldNot().HaveDependencyOn("Mesos.Hosting.Scheduler")
            .GetResult();

        Assert.False(result.IsSuccessful, "the hosting layer runs the scheduler driver, so this rule must fail");
    }
}
