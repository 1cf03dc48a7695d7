using System.Globalization;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// The server's answer to a ConnectRequest: the negotiated timeout, the session and its password.
/// A timeout of zero or less means the session asked for has expired.
/// </summary>
internal sealed record ZooKeeperConnectResponse(int ProtocolVersion, TimeSpan Timeout, long SessionId, byte[] Password, bool ReadOnly)
{
    // Servers issue 16-byte passwords; anything far longer is not a ZooKeeper server talking.
    private const int MaxPasswordLength = 64;

    public bool SessionExpired => Timeout <= TimeSpan.Zero;

    public static ZooKeeperConnectResponse Read(byte[] frame)
    {
        var reader = new JuteReader(frame, "ConnectResponse");
        var protocolVersion = reader.ReadInt32();
        var timeout = reader.ReadInt32();
        var sessionId = reader.ReadInt64();
        var password = reader.ReadBuffer();

        // Servers since 3.3 add whether they are read-only; older ones end here.
        var readOnly = reader.Remaining > 0 && reader.ReadBoolean();
        reader.ExpectEnd();

        if (password.Length > MaxPasswordLength)
        {
            throw Malformed(string.Create(CultureInfo.InvariantCulture, $"a session password of {password.Length} bytes"));
        }

        if (timeout > 0 && sessionId == 0)
        {
            throw Malformed("a session without an id");
        }

        return new ZooKeeperConnectResponse(protocolVersion, TimeSpan.FromMilliseconds(timeout), sessionId, password.ToArray(), readOnly);
    }

    private static InvalidDataException Malformed(string detail) => new("ZooKeeper sent a malformed ConnectResponse: " + detail + ".");
}
