using System.Net.Http.Headers;
using System.Text;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Operator;

/// <summary>The operator client's connection settings, read from its options.</summary>
internal static class OperatorConnectionSettings
{
    public static MesosConnectionSettings From(MesosOperatorOptions options) => new()
    {
        Codec = MesosCodec.FromContentType(options.ContentType) ?? MesosCodec.Protobuf,
        CallTimeout = options.CallTimeout,
        Authorization = options.Principal is null
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Principal}:{options.Secret}"))),
        SendCredentialsToRedirectTargets = options.SendCredentialsToRedirectTargets,
        CaCertificateFile = options.CaCertificateFile,
        StreamReading = new RecordIoReaderOptions { MaxRecordLength = options.MaxAnswerBytes },
    };
}
