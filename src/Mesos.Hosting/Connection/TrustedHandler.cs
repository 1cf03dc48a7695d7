using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Mesos.Hosting.Connection;

/// <summary>The HTTP handler of a connection, trusting a private CA's certificates when one is configured.</summary>
internal static class TrustedHandler
{
    public static SocketsHttpHandler Create(string? caCertificateFile) => Create(Trust(caCertificateFile));

    /// <summary>A handler whose TLS connections are checked by <paramref name="trust"/>, or by the system's trust when null.</summary>
    public static SocketsHttpHandler Create(RemoteCertificateValidationCallback? trust)
    {
        var handler = MesosHttp.Handler();
        if (trust is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust };
        }

        return handler;
    }

    /// <summary>
    /// The check of a peer's certificate against the CA in <paramref name="caCertificateFile"/>, which is read now; null
    /// without a CA, for the system's trust. One check may serve several connections.
    /// </summary>
    public static RemoteCertificateValidationCallback? Trust(string? caCertificateFile)
    {
        if (caCertificateFile is null)
        {
            return null;
        }

        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caCertificateFile));
        return (_, certificate, _, errors) => TrustedBy(authority, certificate, errors);
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
