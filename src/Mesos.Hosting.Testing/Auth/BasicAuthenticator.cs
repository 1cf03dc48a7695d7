using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Auth;

/// <summary>HTTP Basic authentication of schedulers (libprocess authenticator.cpp, realm mesos-master-scheduler).</summary>
internal sealed class BasicAuthenticator(IReadOnlyDictionary<string, string> credentials)
{
    public const string Realm = "mesos-master-scheduler";

    /// <summary>The authenticated principal, or null when the request carries no valid credentials.</summary>
    public string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        // libprocess splits on every ':', so a secret containing one never authenticates.
        var parts = decoded.Split(':');
        return parts.Length == 2 && credentials.TryGetValue(parts[0], out var secret) && secret == parts[1] ? parts[0] : null;
    }
}
