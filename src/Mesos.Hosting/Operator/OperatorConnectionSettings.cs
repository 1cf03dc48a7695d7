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
        Authorization = MesosHttp.Basic(options.Principal, options.Secret),
        SendCredentialsToRedirectTargets = options.SendCredentialsToRedirectTargets,
        CaCertificateFile = options.CaCertificateFile,
        StreamReading = new RecordIoReaderOptions { MaxRecordLength = options.MaxAnswerBytes },
    };
}
