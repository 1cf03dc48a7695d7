using Mesos.Hosting.Scheduler;

namespace Mesos.Hosting.Tests.Scheduler;

/// <summary>The scheduler options checked at start: every problem at once, each naming its key and value.</summary>
public sealed class OptionsValidatorTests
{
    private static MesosSchedulerOptions Valid() => new() { Master = "http://m1:5050", Framework = { Name = "fw" } };

    [Fact]
    public void Valid_options_pass()
        => Assert.True(new MesosSchedulerOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Every_problem_is_reported_at_once_naming_its_key_and_value()
    {
        var options = Valid();
        options.Master = "zk-not-a-url";
        options.Framework.Capabilities = ["MULTY_ROLE"];
        options.CallTimeout = TimeSpan.Zero;
        options.StableSubscriptionTime = TimeSpan.FromSeconds(-1);
        options.ReconnectInitialDelay = TimeSpan.FromSeconds(30);
        options.ContentType = "application/json; charset=utf-8";
        options.Principal = "p";
        options.Secret = "a:b";

        var failures = new MesosSchedulerOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(
        [
            "Mesos:Scheduler:Master: 'zk-not-a-url' is not an absolute http or https URL, nor a zk:// URL.",
            "Mesos:Scheduler:Framework:Capabilities: 'MULTY_ROLE' is not a Mesos framework capability.",
            "Mesos:Scheduler:CallTimeout: '0 ms' must be positive.",
            "Mesos:Scheduler:StableSubscriptionTime: '-1 s' must not be negative.",
            "Mesos:Scheduler:ReconnectMaxDelay: '15 s' is shorter than Mesos:Scheduler:ReconnectInitialDelay '30 s'.",
            "Mesos:Scheduler:ContentType: 'application/json; charset=utf-8' is neither application/x-protobuf nor application/json.",
            "Mesos:Scheduler:Secret: contains ':', which Mesos's Basic authenticator can never accept.",
        ], failures);
    }

    [Fact]
    public void Roles_need_multi_role_and_a_single_role_excludes_them()
    {
        var options = Valid();
        options.Framework.Roles = ["a", "b"];
        options.Framework.Role = "c";

        var failures = new MesosSchedulerOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Mesos:Scheduler:Framework:Roles: roles [a, b] need MULTI_ROLE in Mesos:Scheduler:Framework:Capabilities.", failures);
        Assert.Contains("Mesos:Scheduler:Framework:Role: 'c' must not be set together with Mesos:Scheduler:Framework:Roles or MULTI_ROLE; use Roles.", failures);
    }

    [Theory]
    [InlineData("zk://127.0.0.1:2181/", "Mesos:Scheduler:Master: ")]
    [InlineData("zk://:2181/mesos", "Mesos:Scheduler:Master: ")]
    public void A_zookeeper_url_that_cannot_name_the_masters_fails_naming_the_key(string url, string key)
    {
        var options = Valid();
        options.Master = url;

        var failure = Assert.Single(new MesosSchedulerOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith(key, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("http or https", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zookeeper_url_is_the_only_master_and_high_availability_needs_a_path_of_its_own()
    {
        var options = Valid();
        options.Master = null;
        options.Masters = ["zk://zk1:2181,zk2:2181/mesos"];
        Assert.True(new MesosSchedulerOptionsValidator().Validate(null, options).Succeeded);

        options.Master = "http://m1:5050";
        options.HighAvailability.ZooKeeper = "zk://zk1:2181/";
        var failures = new MesosSchedulerOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Mesos:Scheduler:Masters:0: a zk:// URL names every master at once; configure it alone.", failures);
        Assert.Contains(failures, f => f.StartsWith("Mesos:Scheduler:HighAvailability:ZooKeeper: the path must not be /", StringComparison.Ordinal));
    }
}
