using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Mesos.Hosting.Connection;

/// <summary>The HTTP handler of a connection, trusting a private CA's certificates when one is configured.</summary>
internal static class TrustedHandler
{
    public static SocketsHttpHandler Create(string? caCertificateFile)
    {
        var handler = MesosHttp.Handler();
        if (caCertificateFile is not null)
        {
            handler.SslOptions = TlsOptions(caCertificateFile);
        }

        return handler;
    }

    /// <summary>
    /// The TLS options of a connection made without a handler: the same trust as <see cref="Create"/>'s, the CA read
    /// once, now, as the handlers read it; each connection copies them with its own target host.
    /// </summary>
    public static SslClientAuthenticationOptions ClientOptions(string? caCertificateFile)
        => caCertificateFile is null ? new SslClientAuthenticationOptions() : TlsOptions(caCertificateFile);

    private static SslClientAuthenticationOptions TlsOptions(string caCertificateFile)
    {
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caCertificateFile));
        return new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(authority, certificate, errors),
        };
    }

    // A peer's certificate is good when it chains to the configured CA, and only then.
    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
