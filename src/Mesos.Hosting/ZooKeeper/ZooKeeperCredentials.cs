using System.Text;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>A <c>digest</c> identity, <c>user:password</c>, as a <c>zk://user:password@...</c> URL carries it.</summary>
internal sealed record ZooKeeperCredentials(string User, string Password)
{
    public const string Scheme = "digest";

    /// <summary>The bytes of the auth packet: the server derives the identity from them.</summary>
    public byte[] AuthData => Encoding.UTF8.GetBytes(User + ":" + Password);

    /// <summary>Never shows the password.</summary>
    public override string ToString() => User + ":***";
}
