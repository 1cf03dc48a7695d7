using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Tests.Wire;

public sealed class MesosDurationTests
{
    public static TheoryData<string, TimeSpan> Texts() => new()
    {
        { "5secs", TimeSpan.FromSeconds(5) },
        { "2secs", TimeSpan.FromSeconds(2) },
        { "15mins", TimeSpan.FromMinutes(15) },
        { "1.5secs", TimeSpan.FromMilliseconds(1500) },
        { "100ms", TimeSpan.FromMilliseconds(100) },
        { "250us", TimeSpan.FromMicroseconds(250) },
        { "500ns", TimeSpan.FromTicks(5) },
        { "2hrs", TimeSpan.FromHours(2) },
        { "3days", TimeSpan.FromDays(3) },
        { "1weeks", TimeSpan.FromDays(7) },
        { "0secs", TimeSpan.Zero },
        { ".5mins", TimeSpan.FromSeconds(30) },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Mesos_duration_text_parses(string text, TimeSpan expected)
    {
        Assert.Equal(expected, MesosDuration.Parse(text));
        Assert.True(MesosDuration.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(5000, "5secs")]
    [InlineData(2000, "2secs")]
    [InlineData(900_000, "15mins")]
    [InlineData(1500, "1.5secs")]
    [InlineData(90_000, "1.5mins")]
    [InlineData(100, "100ms")]
    [InlineData(7_200_000, "2hrs")]
    [InlineData(604_800_000, "1weeks")]
    [InlineData(0, "0ns")]
    public void Durations_format_in_the_largest_unit_they_reach(long milliseconds, string expected)
    {
        Assert.Equal(expected, MesosDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), MesosDuration.Parse(expected));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("5", "it has no unit")]
    [InlineData("5s", "'s' is not a unit")]
    [InlineData("5 secs", "' secs' is not a unit")]
    [InlineData("secs", "does not start with a non-negative decimal number")]
    [InlineData("-5secs", "does not start with a non-negative decimal number")]
    [InlineData("1.2.3secs", "does not start with a non-negative decimal number")]
    [InlineData("99999999999weeks", "longer than a TimeSpan can hold")]
    public void Anything_else_is_refused_with_the_text_and_the_reason(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => MesosDuration.Parse(text));

        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(MesosDuration.TryParse(text, out _));
    }
}
