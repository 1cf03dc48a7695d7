using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mesos.Hosting.HostilePeer.Tests;

/// <summary>A master (or a proxy in front of it) answering SUBSCRIBE with what no master should.</summary>
public sealed class SubscribeAnswerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_never_ending_error_body_is_read_only_in_part_and_subscribing_goes_on()
    {
        await using var master = await HostileMaster.StartAsync((context, _) => HostileServer.EndlessBodyAsync(context, StatusCodes.Status503ServiceUnavailable));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(4, Generous, "four SUBSCRIBE attempts, each over an endless 503 body");
        await scheduler.Logs.WaitForAsync("answered SUBSCRIBE with 503: xxxx", Generous);

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 16 * 1024 * 1024, $"the process grew by {grown:N0} bytes");
        Assert.Contains(scheduler.Logs.Lines.Snapshot(), l => l.Contains("…(truncated)", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Degraded, (await scheduler.HealthAsync()).Status);
    }

    [Theory]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status502BadGateway)]
    [InlineData(StatusCodes.Status504GatewayTimeout)]
    public async Task A_server_error_on_subscribe_is_retried_not_fatal(int status)
    {
        await using var master = await HostileMaster.StartAsync(async (context, attempt) =>
        {
            if (attempt <= 2)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("proxy trouble");
                return;
            }

            await HostileMaster.SubscribedAsync(context);
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await scheduler.Seen.Callbacks.WaitAsync(c => c.Contains("registered"), Generous, "registered after two failed attempts");
        Assert.Empty(scheduler.Seen.Errors.Snapshot());
        Assert.Equal(3, master.Subscribes.Count);
        await scheduler.Logs.WaitForAsync($"answered SUBSCRIBE with {status}: proxy trouble", Generous);
    }

    [Fact]
    public async Task Unauthorized_is_unrecoverable_the_error_callback_runs_and_the_driver_reports_unhealthy()
    {
        await using var master = await HostileMaster.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("who are you");
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await scheduler.Seen.Errors.WaitForCountAsync(1, Generous, "the error callback");
        Assert.Equal("Mesos refused SUBSCRIBE with 401 Unauthorized: who are you", scheduler.Seen.Errors.Snapshot().Single());
        var health = await scheduler.HealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal(1, master.Subscribes.Count);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/mesos")]
    public async Task A_redirect_to_anything_but_http_is_refused_and_subscribing_goes_on(string location)
    {
        await using var master = await HostileMaster.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(3, Generous, "three SUBSCRIBE attempts");
        await scheduler.Logs.WaitForAsync($"redirected to '{location}'; only http and https masters are followed", Generous);
        Assert.Empty(scheduler.Seen.Errors.Snapshot());
        Assert.Equal(HealthStatus.Degraded, (await scheduler.HealthAsync()).Status);
    }

    [Fact]
    public async Task Credentials_do_not_follow_a_redirect_to_a_master_that_was_not_configured()
    {
        await using var elsewhere = await HostileMaster.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("no credentials");
        });
        await using var master = await HostileMaster.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"//127.0.0.1:{elsewhere.Uri.Port}/api/v1/scheduler";
            return Task.CompletedTask;
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o => (o.Principal, o.Secret) = ("principal", "secret"));

        await scheduler.Seen.Errors.WaitForCountAsync(1, Generous, "the error callback");
        Assert.StartsWith("Basic ", master.Subscribes.Snapshot().Single().Authorization, StringComparison.Ordinal);
        Assert.Null(elsewhere.Subscribes.Snapshot().Single().Authorization);
        Assert.Contains("credentials were withheld", scheduler.Seen.Errors.Snapshot().Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_follow_redirects_when_the_options_allow_it()
    {
        await using var elsewhere = await HostileMaster.StartAsync(async (context, _) =>
        {
            await HostileMaster.SubscribedAsync(context);
            await HostileServer.HoldAsync(context);
        });
        await using var master = await HostileMaster.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"//127.0.0.1:{elsewhere.Uri.Port}/api/v1/scheduler";
            return Task.CompletedTask;
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri, o =>
        {
            (o.Principal, o.Secret) = ("principal", "secret");
            o.SendCredentialsToRedirectTargets = true;
        });

        await scheduler.Seen.Callbacks.WaitAsync(c => c.Contains("registered"), Generous, "registered at the redirect's target");
        Assert.StartsWith("Basic ", elsewhere.Subscribes.Snapshot().Single().Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_on_503_is_honoured()
    {
        await using var master = await HostileMaster.StartAsync(async (context, attempt) =>
        {
            if (attempt == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "2";
                return;
            }

            await HostileMaster.SubscribedAsync(context);
            await HostileServer.HoldAsync(context);
        });
        await using var scheduler = await SchedulerUnderTest.StartAsync(master.Uri);

        await master.Subscribes.WaitForCountAsync(2, Generous, "the second SUBSCRIBE");
        var attempts = master.Subscribes.Snapshot();
        var waited = Stopwatch.GetElapsedTime(attempts[0].At, attempts[1].At);
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"the second attempt came {waited} after the first, though the master asked for 2 s");
    }
}
