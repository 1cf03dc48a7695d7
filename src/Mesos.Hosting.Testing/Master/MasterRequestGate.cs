using System.Globalization;
using Mesos.Hosting.Testing.Auth;
using Mesos.Hosting.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.Master;

/// <summary>
/// The checks every master API endpoint makes before it looks at a call, in the order of Mesos's
/// <c>Master::Http::scheduler</c> and <c>Master::Http::api</c> (src/master/http.cpp): authentication,
/// then leadership (307 to the leader, 503 without one), then recovery (503).
/// </summary>
internal sealed class MasterRequestGate(MasterState state, int index, BasicAuthenticator? authenticator)
{
    /// <summary>Whether the request may go on, and its authenticated principal; when it may not, it has been answered.</summary>
    public async Task<(bool Admitted, string? Principal)> AdmitAsync(HttpContext context)
    {
        var (authenticated, principal) = await AuthenticateAsync(context).ConfigureAwait(false);
        if (!authenticated)
        {
            return (false, null);
        }

        int leader;
        bool recovering;
        lock (state.Sync)
        {
            leader = state.LeaderIndex;
            recovering = state.RecoveringUntil > state.Time.GetUtcNow();
        }

        if (leader != index)
        {
            if (leader < 0)
            {
                await MesosHttp.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "No leader elected").ConfigureAwait(false);
                return (false, null);
            }

            var leaderInfo = state.Masters[leader];
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"//{leaderInfo.Hostname}:{leaderInfo.Port}{context.Request.Path}");
            return (false, null);
        }

        if (recovering)
        {
            await MesosHttp.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Master has not finished recovery").ConfigureAwait(false);
            return (false, null);
        }

        return (true, principal);
    }

    /// <summary>
    /// Authentication alone, for what a browser loads: when credentials are required and missing, the 401
    /// carries the Basic challenge, so the browser asks for them once and sends them with every later request.
    /// </summary>
    public async Task<(bool Authenticated, string? Principal)> AuthenticateAsync(HttpContext context)
    {
        if (authenticator is null)
        {
            return (true, null);
        }

        if (authenticator.Authenticate(context.Request) is { } principal)
        {
            return (true, principal);
        }

        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{BasicAuthenticator.Realm}\"";
        await MesosHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, string.Empty).ConfigureAwait(false);
        return (false, null);
    }
}
