using System.Net;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>Where a master's 307 may lead, and where it may not.</summary>
public sealed class MasterRedirectTests
{
    private static readonly Uri Http = new("http://m1:5050/");
    private static readonly Uri Https = new("https://m1:5050/");

    [Theory]
    [InlineData("http://m1:5050/", "//m2:5050/master/api/v1/scheduler", "http://m2:5050/")]
    [InlineData("https://m1:5050/", "//m2:5050/api/v1/scheduler", "https://m2:5050/")]
    [InlineData("http://m1:5050/", "https://m2:5051/api/v1/scheduler", "https://m2:5051/")]
    [InlineData("http://m1:5050/", "/api/v1/scheduler", "http://m1:5050/")]
    public void A_redirect_leads_to_the_leaders_base_url(string master, string location, string expected)
        => Assert.Equal(new Uri(expected), MasterRedirect.Target(new Uri(master), Redirect(location)));

    [Theory]
    [InlineData("file:///etc/passwd", "only http and https masters are followed")]
    [InlineData("ftp://m2/", "only http and https masters are followed")]
    [InlineData("http://m2:5050/api/v1/scheduler", "a redirect from https to http is not followed")]
    public void A_redirect_elsewhere_is_refused_naming_where_it_led(string location, string reason)
    {
        var refused = Assert.Throws<MesosUnavailableException>(() => MasterRedirect.Target(Https, Redirect(location)));
        Assert.Equal($"The Mesos master at {Https} redirected to '{location}'; {reason}.", refused.Message);
    }

    [Fact]
    public void A_redirect_without_a_location_is_refused()
    {
        var refused = Assert.Throws<MesosUnavailableException>(() => MasterRedirect.Target(Http, new HttpResponseMessage(HttpStatusCode.TemporaryRedirect)));
        Assert.Equal($"The Mesos master at {Http} answered 307 without a Location.", refused.Message);
    }

    [Fact]
    public void Text_from_a_peer_is_bounded_and_cannot_forge_log_lines()
    {
        Assert.Equal("line one\\nWARN forged", PeerText.From("line one\nWARN forged"));
        var long_ = PeerText.From(new string('x', 10_000));
        Assert.Equal(PeerText.MaxBytes + " …(truncated)".Length, long_.Length);
        Assert.EndsWith("…(truncated)", long_, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Redirect(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
        response.Headers.TryAddWithoutValidation("Location", location);
        return response;
    }
}
