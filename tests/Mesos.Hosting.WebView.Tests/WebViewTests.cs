using System.Text;
using System.Text.RegularExpressions;
using Mesos.Hosting.Testing;
using Mesos.Hosting.Testing.Tests;
using Mesos.V1;
using Mesos.V1.Scheduler;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mesos.Hosting.WebView.Tests;

/// <summary>The web view at the master's <c>/</c>, in a real browser, following a cluster that runs real tasks.</summary>
[Collection(SharedBrowser.Name)]
public sealed partial class WebViewTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private LocalMesosCluster _cluster = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalMesosCluster.StartAsync();
        _context = await browser.Browser.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_launched_task_appears_and_runs_to_finished_with_its_history_without_a_reload()
    {
        var page = await OpenLiveAsync();
        await Expect(page.Locator($"#agents tr[data-agent-id='{_cluster.AgentIds[0]}']")).ToContainTextAsync("cpus: 4");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");

        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework("web-view-framework"));
        await Expect(page.Locator("#frameworks tbody")).ToContainTextAsync("web-view-framework");
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, "hello", "true")]);
        await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskStarting);

        // RUNNING is held unacknowledged, so the agent sends nothing further until the page has shown it.
        var running = (await stream.NextAsync(Wait, e => e.Update?.Status is { TaskId.Value: "hello", State: TaskState.TaskRunning })).Update.Status;
        var row = page.Locator("#tasks tr[data-task-id='hello']");
        await Expect(row.Locator("td.current")).ToHaveTextAsync("RUNNING");
        await Expect(page.Locator($"#agents tr[data-agent-id='{_cluster.AgentIds[0]}']")).ToContainTextAsync("cpus: 0.1 of 4");

        await scheduler.AcknowledgeAsync(running);
        await scheduler.AcknowledgeNextAsync("hello", TaskState.TaskFinished);
        await Expect(row.Locator("td.current")).ToHaveTextAsync("FINISHED");
        await Expect(row.Locator("ol.history li")).ToHaveTextAsync([new Regex("^STARTING"), new Regex("^RUNNING"), new Regex("^FINISHED")]);
        foreach (var time in await row.Locator("ol.history time").AllAsync())
        {
            Assert.Matches(IsoTime(), await time.GetAttributeAsync("datetime"));
        }

        await Expect(row).ToContainTextAsync("web-view-framework");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
    }

    [Fact]
    public async Task Names_with_markup_show_as_text_and_run_nothing()
    {
        const string hostileTask = "<script>window.injected = 1</script><img src=x onerror=\"window.injected = 2\">";
        const string hostileFramework = "<b onmouseover=alert(1)>bold</b>";
        var page = await OpenLiveAsync();

        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(hostileFramework));
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var task = RawScheduler.ShellTask(offer, "hostile", "true");
        task.Name = hostileTask;
        await scheduler.LaunchAsync(offer, [task]);

        var row = page.Locator("#tasks tr[data-task-id='hostile']");
        await Expect(row.Locator("td").First).ToContainTextAsync(hostileTask);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(hostileFramework);
        await Expect(page.Locator("#frameworks tbody td").First).ToHaveTextAsync(hostileFramework);
        Assert.Equal(0, await page.Locator("main img, main script, main b").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.injected === undefined"), "markup in a name ran");
    }

    [Fact]
    public async Task A_stream_that_ends_is_followed_again_after_showing_that_it_reconnects()
    {
        // The local master has no fault that drops operator streams, so the browser's first SUBSCRIBE is
        // answered here: a stream holding a task that is not in the cluster, which then ends.
        var attempts = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = await _context.NewPageAsync();
        await page.RouteAsync("**/api/v1", async route =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", BodyBytes = RecordIo(GhostState) });
                return;
            }

            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(_cluster.MasterUri.ToString());
        await Expect(page.Locator("#tasks tr[data-task-id='ghost'] td.current")).ToHaveTextAsync("RUNNING");
        await Expect(page.Locator("#stream")).ToHaveTextAsync(new Regex("^Reconnecting"));
        await Expect(page.Locator("#stream")).ToHaveClassAsync(new Regex("reconnecting"));

        release.SetResult();
        await Expect(page.Locator("#stream")).ToHaveTextAsync(new Regex("^Live"));
        await Expect(page.Locator($"#agents tr[data-agent-id='{_cluster.AgentIds[0]}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#tasks tr[data-task-id='ghost']")).ToHaveCountAsync(0);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_master_that_does_not_lead_says_so_and_links_to_the_leader()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Masters = 2 });
        var page = await _context.NewPageAsync();
        await page.GotoAsync(cluster.MasterUris[1].ToString());

        var leader = cluster.MasterUris[0].Authority;
        await Expect(page.Locator("#master-leading")).ToHaveTextAsync($"no, the leader is {leader}");
        await Expect(page.Locator("#master-leading a")).ToHaveAttributeAsync("href", cluster.MasterUris[0].ToString());
        await Expect(page.Locator("#stream")).ToHaveTextAsync(new Regex("this master does not lead"));
    }

    [Fact]
    public async Task RecordIo_records_split_across_chunks_inside_lengths_and_characters_are_read_whole()
    {
        var page = await OpenLiveAsync();

        // Fed one byte at a time: every length, newline and multi-byte character is split somewhere.
        var records = await page.EvaluateAsync<string[]>("""
            () => {
              const texts = ['{"name":"n\u00e9e \u{1F680} \u4efb\u52a1"}', '{}', '"' + 'x'.repeat(300) + '"'];
              const encoder = new TextEncoder();
              const bytes = encoder.encode(texts.map((t) => `${encoder.encode(t).length}\n${t}`).join(""));
              const reader = new RecordIoReader();
              const out = [];
              for (let i = 0; i < bytes.length; i++) {
                out.push(...reader.push(bytes.subarray(i, i + 1)));
              }
              return out;
            }
            """);

        Assert.Equal(["{\"name\":\"n\u00e9e \U0001F680 \u4efb\u52a1\"}", "{}", "\"" + new string('x', 300) + "\""], records);
    }

    private static string GhostState => """
        {"type":"SUBSCRIBED","subscribed":{"get_state":{"get_tasks":{"tasks":[{"name":"ghost","task_id":{"value":"ghost"},
        "framework_id":{"value":"f"},"agent_id":{"value":"a"},"state":"TASK_RUNNING","statuses":[{"task_id":{"value":"ghost"},
        "state":"TASK_RUNNING","timestamp":1700000000.5}]}]}},"heartbeat_interval_seconds":15}}
        """;

    /// <summary>Opens the view and waits until it follows the event stream.</summary>
    private async Task<IPage> OpenLiveAsync()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(_cluster.MasterUri.ToString());
        await Expect(page.Locator("#stream")).ToHaveTextAsync(new Regex("^Live"));
        return page;
    }

    private static byte[] RecordIo(params string[] records)
        => Encoding.UTF8.GetBytes(string.Concat(records.Select(r => $"{Encoding.UTF8.GetByteCount(r)}\n{r}")));

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoTime();
}
