using System.Collections.Frozen;
using System.Security.Cryptography;
using Mesos.Hosting.Testing.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.WebView;

/// <summary>
/// The live, read-only view of the cluster at a master's <c>/</c>: a page, its scripts and its style sheet,
/// embedded in this assembly. The scripts read the operator API's event stream, so the server has nothing
/// to render and the view works the same against any master that serves these files.
/// </summary>
internal sealed class MasterWebView(MasterRequestGate gate)
{
    // The view's own scripts are the only code the page runs and they only talk to its own origin: a task named with
    // markup that slipped past the script's escaping would still find no inline script or foreign host to use.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "Mesos.Hosting.Testing.WebView.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Every embedded file under /webview/, and the page at / as well as /index.html.
    private static readonly FrozenDictionary<string, Asset> Assets = LoadAssets();

    /// <summary>Whether <paramref name="path"/> is one of the view's files.</summary>
    public static bool Serves(string? path) => path is not null && Assets.ContainsKey(path);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.Headers.Allow = "GET, HEAD";
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!(await gate.AuthenticateAsync(context).ConfigureAwait(false)).Authenticated)
        {
            return;
        }

        var asset = Assets[request.Path.Value!];
        // Revalidated on every load, so a browser never runs a script older than its page; unchanged files cost a 304.
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = asset.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Body.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(asset.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(MasterWebView).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var body = copy.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var asset = new Asset(body, ContentTypes[Path.GetExtension(name)], $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"");
            assets["/webview/" + name] = asset;
            if (name == "index.html")
            {
                assets["/"] = asset;
                assets["/index.html"] = asset;
            }
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Body, string ContentType, string ETag);
}
