using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mesos.Hosting.Testing;

namespace Mesos.Hosting.Scheduler.Tests;

/// <summary>An https master whose certificate only a configured private CA vouches for, on every connection the driver opens.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task The_driver_subscribes_to_an_https_master_signed_by_the_configured_ca()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Mesos.Hosting test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        using var server = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);

        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 1, MasterCertificate = server });
        var caFile = Path.Combine(cluster.WorkDirectory, "ca.pem");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
        var recorder = new SchedulerRecorder(2);
        var trustingLogs = new LogSink();
        using var host = SchedulerHost.Build(cluster, recorder, o => o.CaCertificateFile = caFile, logs: trustingLogs);

        Assert.Equal("https", cluster.MasterUri.Scheme);
        await host.StartAsync();
        await recorder.AllFinished.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync();

        Assert.Equal(1, host.Driver().SubscribeAttempts);
        Assert.All(recorder.Final.Values, state => Assert.Equal(Mesos.V1.TaskState.TaskFinished, state));

        // The acknowledgements' pipelined connection trusts the same CA: it never fell back to the ordinary one.
        Assert.DoesNotContain(trustingLogs.Lines.Snapshot(), l => l.Contains("pipelined call connection", StringComparison.Ordinal));

        // A CA that did not sign the master's certificate is not trusted: the driver keeps trying, never subscribed.
        using var otherKey = RSA.Create(2048);
        using var other = new CertificateRequest("CN=Some other CA", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var otherFile = Path.Combine(cluster.WorkDirectory, "other-ca.pem");
        await File.WriteAllTextAsync(otherFile, other.ExportCertificatePem());
        var logs = new LogSink();
        using var untrusting = SchedulerHost.Build(cluster, new SchedulerRecorder(0), o => o.CaCertificateFile = otherFile, logs: logs);
        await untrusting.StartAsync();
        await logs.Lines.WaitAsync(lines => lines.Count(l => l.Contains("Subscribing to the Mesos master", StringComparison.Ordinal)) >= 3, TimeSpan.FromSeconds(30), "the driver to keep trying");

        Assert.False(untrusting.Driver().IsSubscribed);
        Assert.Null(untrusting.Driver().FrameworkId);
        await untrusting.StopAsync();
    }
}
