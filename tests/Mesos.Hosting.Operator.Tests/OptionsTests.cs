using Mesos.Hosting.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>AddMesosOperator's options: bound from configuration, checked with messages that name the key.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Options_without_masters_or_with_bad_values_are_refused_naming_the_keys()
    {
        var services = new ServiceCollection();
        services.AddMesosOperator(o =>
        {
            o.Masters = ["mesos-master:5050"];
            o.ContentType = "application/json; charset=utf-8";
            o.Secret = "a:b";
            o.CallRetries = -1;
        });
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMesosOperator>());

        Assert.Contains("Mesos:Operator:Masters:0: 'mesos-master:5050' is not an absolute http or https URL, nor a zk:// URL.", refused.Failures);
        Assert.Contains($"Mesos:Operator:ContentType: 'application/json; charset=utf-8' is neither {MesosContentTypes.Protobuf} nor {MesosContentTypes.Json}.", refused.Failures);
        Assert.Contains("Mesos:Operator:Principal: a secret is configured but no principal to go with it.", refused.Failures);
        Assert.Contains("Mesos:Operator:Secret: contains ':', which Mesos's Basic authenticator can never accept.", refused.Failures);
        Assert.Contains("Mesos:Operator:CallRetries: '-1' must be at least 0.", refused.Failures);
    }

    [Theory]
    [InlineData(new[] { "zk://zk1:2181/mesos", "http://m1:5050" }, "http", "Mesos:Operator:Masters:0: a zk:// URL names every master at once; configure it alone.")]
    [InlineData(new[] { "zk://zk1:2181/mesos" }, "ftp", "Mesos:Operator:DetectedMasterScheme: 'ftp' is neither http nor https.")]
    public void ZooKeeper_masters_are_checked_as_the_scheduler_checks_them(string[] masters, string scheme, string failure)
    {
        var services = new ServiceCollection();
        services.AddMesosOperator(o =>
        {
            o.Masters = [.. masters];
            o.DetectedMasterScheme = scheme;
        });
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMesosOperator>());

        Assert.Equal(failure, refused.Failures.Single());
    }

    [Fact]
    public void Options_bind_from_configuration_and_never_show_the_secret()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mesos:Operator:Master"] = "https://m1:5050",
                ["Mesos:Operator:Masters:0"] = "https://m2:5050",
                ["Mesos:Operator:ContentType"] = MesosContentTypes.Json,
                ["Mesos:Operator:Principal"] = "ops",
                ["Mesos:Operator:Secret"] = "s3cret",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddMesosOperator(configuration.GetSection(MesosOperatorOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MesosOperatorOptions>>().Value;

        Assert.NotNull(provider.GetRequiredService<IMesosOperator>());
        Assert.Equal(["https://m1:5050", "https://m2:5050"], options.AllMasters);
        Assert.Equal($"Masters=[https://m1:5050, https://m2:5050], ContentType={MesosContentTypes.Json}, Principal=ops, Secret=***", options.ToString());
    }

    [Fact]
    public void Without_any_master_the_message_says_how_to_name_one()
    {
        var services = new ServiceCollection();
        services.AddMesosOperator(_ => { });
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IMesosOperator>());

        Assert.Equal("Mesos:Operator:Masters: no master is configured; set Mesos:Operator:Master or Mesos:Operator:Masters to a URL such as http://mesos-master:5050.", refused.Failures.Single());
    }
}
