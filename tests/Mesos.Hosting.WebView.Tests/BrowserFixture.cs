using Microsoft.Playwright;

namespace Mesos.Hosting.WebView.Tests;

/// <summary>
/// One headless Chromium for the test class: Debian's <c>chromium</c> package (which <c>.ci/run</c> installs),
/// driven through the Playwright driver that ships inside its NuGet package, so nothing is downloaded.
/// Disposing it closes the browser, so no Chromium process outlives the tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The web view tests need Debian's chromium package at {ChromiumPath} (apt-get install -y chromium).");
        }

        // Auto-waiting assertions poll up to this long: a task's updates wait for real processes on a shared machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start; containers have a small /dev/shm.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The browser tests share one Chromium and run one after another, which the shared machines' two cores prefer.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
