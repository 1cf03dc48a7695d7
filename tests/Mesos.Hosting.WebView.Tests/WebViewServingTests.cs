using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mesos.Hosting.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mesos.Hosting.WebView.Tests;

/// <summary>How the master serves the view's files: content types, revalidation, methods, and its credentials.</summary>
[Collection(SharedBrowser.Name)]
public sealed class WebViewServingTests(BrowserFixture browser)
{
    private static readonly Dictionary<string, string> Credentials = new() { ["ops"] = "secret" };

    public static TheoryData<string, string> Files => new()
    {
        { "", "text/html" },
        { "index.html", "text/html" },
        { "webview/recordio.js", "text/javascript" },
        { "webview/model.js", "text/javascript" },
        { "webview/render.js", "text/javascript" },
        { "webview/view.js", "text/javascript" },
        { "webview/view.css", "text/css" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_has_its_content_type_and_is_revalidated_by_its_etag(string path, string mediaType)
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        using var http = new HttpClient();
        var uri = new Uri(cluster.MasterUri, path);

        using var first = await http.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.True(first.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
        Assert.Equal(["nosniff"], first.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("script-src 'self'", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync());
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, uri);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(first.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Writing_methods_are_refused_the_view_is_read_only()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        using var http = new HttpClient();

        using var post = await http.PostAsync(cluster.MasterUri, new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_master_that_requires_credentials_challenges_the_browser_and_the_view_follows_with_them()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Credentials = Credentials });
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(cluster.MasterUri);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        // The credentials a person types into the browser's prompt; every request the page makes carries them.
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = "ops", Password = "secret" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(cluster.MasterUri.ToString());

        await Expect(page.Locator("#stream")).ToHaveTextAsync(new Regex("^Live"));
        await Expect(page.Locator($"#agents tr[data-agent-id='{cluster.AgentIds[0]}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#master-leading")).ToHaveTextAsync("yes");
    }

    [Fact]
    public async Task Wrong_credentials_are_challenged_again()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Credentials = Credentials });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.MasterUri, "webview/view.js"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:wrong")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
