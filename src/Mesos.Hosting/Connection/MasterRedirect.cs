using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>
/// Where a master's 307 points. Mesos answers <c>Location: //host:port/path</c>, keeping the current
/// scheme; anything but an http or https master, or a step down from https to http, is refused.
/// </summary>
internal static class MasterRedirect
{
    public static Uri Target(Uri master, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new MesosUnavailableException($"The Mesos master at {master} answered 307 without a Location.");
        }

        var absolute = location.StartsWith("//", StringComparison.Ordinal) ? $"{master.Scheme}:{location}" : location;
        if (!Uri.TryCreate(master, absolute, out var target))
        {
            throw new MesosUnavailableException($"The Mesos master at {master} redirected to '{PeerText.From(location)}', which is not a URL.");
        }

        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(target.Host))
        {
            throw new MesosUnavailableException($"The Mesos master at {master} redirected to '{PeerText.From(location)}'; only http and https masters are followed.");
        }

        if (master.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            throw new MesosUnavailableException($"The Mesos master at {master} redirected to '{PeerText.From(location)}'; a redirect from https to http is not followed.");
        }

        return new Uri(target.GetLeftPart(UriPartial.Authority) + "/");
    }
}
