using Mesos.Hosting.Placement;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>Marathon's textual constraints, and the errors that name the bad one.</summary>
public sealed class ConstraintTextTests
{
    [Theory]
    [InlineData("hostname:UNIQUE", "hostname", ConstraintOperator.Unique, null, false)]
    [InlineData("rack:group_by:3", "rack", ConstraintOperator.GroupBy, "3", false)]
    [InlineData("[\"rack\", \"GROUP_BY\", \"3\"]", "rack", ConstraintOperator.GroupBy, "3", false)]
    [InlineData("~zone:LIKE:a|b", "zone", ConstraintOperator.Like, "a|b", true)]
    [InlineData("[\"~zone\", \"IN\", \"{a,b}\"]", "zone", ConstraintOperator.In, "{a,b}", true)]
    [InlineData("url:IS:http://x", "url", ConstraintOperator.Is, "http://x", false)]
    [InlineData("rack:MAX_PER:2", "rack", ConstraintOperator.MaxPer, "2", false)]
    public void Both_forms_parse(string text, string field, ConstraintOperator op, string? value, bool soft)
    {
        var constraint = PlacementConstraint.Parse(text);

        Assert.Equal((field, op, value, soft), (constraint.Field, constraint.Operator, constraint.Value, constraint.IsSoft));
        Assert.Equal(constraint, PlacementConstraint.Parse(constraint.ToString()));
    }

    [Fact]
    public void A_list_parses_from_json_or_semicolons()
    {
        var json = PlacementConstraint.ParseAll("[[\"rack\", \"GROUP_BY\", \"3\"], [\"hostname\", \"UNIQUE\"]]");
        var colons = PlacementConstraint.ParseAll("rack:GROUP_BY:3; hostname:UNIQUE");

        Assert.Equal([PlacementConstraint.GroupBy("rack", 3), PlacementConstraint.Unique()], json);
        Assert.Equal(json, colons);
        Assert.Empty(PlacementConstraint.ParseAll("[]"));
        Assert.Single(PlacementConstraint.ParseAll("[\"rack\", \"CLUSTER\", \"r1\"]"));
    }

    [Theory]
    [InlineData("rack", "Constraint 'rack' is not field:OPERATOR[:value]")]
    [InlineData("rack:SOMEWHERE", "Constraint 'rack:SOMEWHERE': 'SOMEWHERE' is not an operator")]
    [InlineData("rack:MAX_PER", "Constraint 'rack:MAX_PER': MAX_PER needs a positive count")]
    [InlineData("rack:MAX_PER:0", "Constraint 'rack:MAX_PER:0': '0' is not a positive count")]
    [InlineData("rack:GROUP_BY:many", "'many' is not a positive count")]
    [InlineData("hostname:UNIQUE:1", "Constraint 'hostname:UNIQUE:1': UNIQUE takes no value")]
    [InlineData("rack:LIKE:r[1", "Constraint 'rack:LIKE:r[1': 'r[1' is not a regular expression")]
    [InlineData("rack:IN:r1", "Constraint 'rack:IN:r1': IN needs a set {a,b} or ranges [1-5]")]
    [InlineData("rack:IS", "Constraint 'rack:IS': IS needs a value")]
    [InlineData("[\"rack\", 3]", "is not a JSON array of strings")]
    public void Bad_constraints_are_refused_naming_them(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PlacementConstraint.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
