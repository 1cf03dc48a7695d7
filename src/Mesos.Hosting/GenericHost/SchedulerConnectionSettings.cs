using Mesos.Hosting.Connection;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.GenericHost;

/// <summary>The scheduler's connection settings, read from its options.</summary>
internal static class SchedulerConnectionSettings
{
    // Large reads from the subscription stream: an OFFERS event can be megabytes, and fewer, larger
    // reads of HttpClient's chunked stream measured about 15% more events per second (ingest harness).
    private static readonly RecordIoReaderOptions StreamReading = new() { StreamBufferSize = 1024 * 1024 };

    public static MesosConnectionSettings From(MesosSchedulerOptions options) => new()
    {
        Codec = MesosCodec.FromContentType(options.ContentType) ?? MesosCodec.Protobuf,
        CallTimeout = options.CallTimeout,
        Authorization = MesosHttp.Basic(options.Principal, options.Secret),
        SendCredentialsToRedirectTargets = options.SendCredentialsToRedirectTargets,
        CaCertificateFile = options.CaCertificateFile,
        StreamReading = StreamReading,
    };
}
