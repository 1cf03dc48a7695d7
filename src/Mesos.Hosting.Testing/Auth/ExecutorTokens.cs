using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mesos.Hosting.Testing.Auth;

/// <summary>
/// The agent's executor tokens: HS256 JWTs with claims fid, eid and cid, minted per executor and
/// checked on every executor call (libprocess jwt_authenticator.cpp, src/slave/http.cpp).
/// </summary>
internal sealed class ExecutorTokens(byte[] secret)
{
    public const string Realm = "mesos-agent-executor";

    public string Mint(string frameworkId, string executorId, string containerId)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["fid"] = frameworkId, ["eid"] = executorId, ["cid"] = containerId }));
        return $"{header}.{payload}.{Sign(header, payload)}";
    }

    /// <summary>The claims of a valid token, or the reason it is not one.</summary>
    public (IReadOnlyDictionary<string, string>? Claims, string Error) Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "Malformed token");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0], parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return (null, "Token signature does not match");
        }

        try
        {
            var claims = JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(Pad(parts[1])));
            return claims is not null && claims.ContainsKey("fid") && claims.ContainsKey("eid") && claims.ContainsKey("cid")
                ? (claims, string.Empty)
                : (null, "Token is missing the 'fid', 'eid' or 'cid' claim");
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (null, "Malformed token payload");
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
    }

    private string Sign(string header, string payload) => Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes($"{header}.{payload}")));
}
