using System.Net;
using Google.Protobuf;
using Mesos.Hosting.Connection;

namespace Mesos.Hosting.Operator;

/// <summary>
/// The masters as one: a call goes to the leader the detector knows, follows 307s to the one that leads now, and
/// on a master that cannot serve moves the detector on, so that the next attempt tries another. Credentials go to
/// the configured masters only, unless the options say otherwise.
/// </summary>
internal sealed class LeaderConnection(OperatorHttp http, IMasterDetector detector)
{
    /// <summary>
    /// Sends <paramref name="call"/> and returns the successful (2xx) answer, unread, with the master that gave it.
    /// Throws <see cref="MesosCallException"/> for a refusal and <see cref="MesosUnavailableException"/> when no
    /// master could serve it.
    /// </summary>
    public async Task<(HttpResponseMessage Response, Uri Master)> SendAsync(IMessage call, string callType, CancellationToken cancellationToken)
    {
        var body = http.Settings.Codec.Encode(call);
        var master = await detector.DetectAsync(failed: null, cancellationToken).ConfigureAwait(false);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                var response = await http.PostAsync(new Uri(master, OperatorHttp.Path), body, callType, SendsCredentialsTo(master), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (response, master);
                }

                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.TemporaryRedirect && redirects < http.Settings.MaxRedirects)
                    {
                        master = MasterRedirect.Target(master, response);
                        detector.LeaderIs(master);
                        continue;
                    }

                    throw await http.RefusalAsync(Describe(master), callType, response, Withheld(master, response), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (MesosUnavailableException) when (!cancellationToken.IsCancellationRequested)
        {
            await detector.DetectAsync(master, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    public static string Describe(Uri master) => $"The Mesos master at {master}";

    private bool SendsCredentialsTo(Uri master) => http.Settings.SendCredentialsToRedirectTargets || detector.IsKnownMaster(master);

    private string Withheld(Uri master, HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Unauthorized && http.Settings.Authorization is not null && !SendsCredentialsTo(master)
            ? $" (credentials were withheld from {master}: a redirect named it, and it is not one of the configured masters)"
            : "";
}
