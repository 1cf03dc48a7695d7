using System.Collections.Frozen;
using System.Security.Cryptography;
using Mesos.Hosting.Testing.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Testing.WebView;

/// <summary>
/// The live, read-only view of the cluster at a master's <c>/</c>: a page, its script and its style sheet,
/// embedded in this assembly. The script reads the operator API's event stream, so the server has nothing
/// to render and the view works the same against any master that serves these files.
/// </summary>
internal sealed class MasterWebView(MasterRequestGate gate)
{
    // The script is the only code the page runs and it only talks to its own origin: a task named with
    // markup that slipped past the script's escaping would still find no inline script or foreign host to use.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, Asset> Assets = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        ["/"] = Asset.Load("index.html", "text/html; charset=utf-8"),
        ["/index.html"] = Asset.Load("index.html", "text/html; charset=utf-8"),
        ["/webview/view.js"] = Asset.Load("view.js", "text/javascript; charset=utf-8"),
        ["/webview/view.css"] = Asset.Load("view.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

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

    private sealed record Asset(byte[] Body, string ContentType, string ETag)
    {
        public static Asset Load(string name, string contentType)
        {
            using var stream = typeof(MasterWebView).Assembly.GetManifestResourceStream("Mesos.Hosting.Testing.WebView." + name)
                ?? throw new InvalidOperationException($"The web view's {name} is not embedded in the assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var body = copy.ToArray();
            return new Asset(body, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"");
        }
    }
}
