using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Connection;

/// <summary>
/// The checks every client of a master shares (scheduler, operator): the encoding, the Basic credentials, the CA
/// file; the executor shares the encoding's. Each failure names the key under <c>section</c> and the bad value.
/// </summary>
internal static class ConnectionOptionChecks
{
    public static void Check(List<string> failures, string section, string contentType, string? principal, string? secret, string? caCertificateFile)
    {
        CheckContentType(failures, section, contentType);

        if (secret is not null && string.IsNullOrEmpty(principal))
        {
            failures.Add($"{section}:Principal: a secret is configured but no principal to go with it.");
        }

        if (secret?.Contains(':', StringComparison.Ordinal) == true)
        {
            failures.Add($"{section}:Secret: contains ':', which Mesos's Basic authenticator can never accept.");
        }

        if (caCertificateFile is not null && !File.Exists(caCertificateFile))
        {
            failures.Add($"{section}:CaCertificateFile: '{caCertificateFile}' does not exist.");
        }
    }

    /// <summary>Adds a failure unless <paramref name="contentType"/> names an encoding this program speaks.</summary>
    public static void CheckContentType(List<string> failures, string section, string contentType)
    {
        if (contentType == MesosContentTypes.Json && !MesosCodec.IsJsonSupported)
        {
            failures.Add($"{section}:ContentType: '{contentType}' is switched off in this program ({MesosCodec.JsonSwitchedOff}); speak {MesosContentTypes.Protobuf}, or take the switch out.");
        }
        else if (MesosCodec.FromContentType(contentType) is null)
        {
            failures.Add($"{section}:ContentType: '{contentType}' is neither {MesosContentTypes.Protobuf} nor {MesosContentTypes.Json}.");
        }
    }
}
