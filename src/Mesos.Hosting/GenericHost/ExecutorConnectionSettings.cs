using System.Net.Http.Headers;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Executor;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.GenericHost;

/// <summary>The executor's connection settings, read from its environment and options.</summary>
internal static class ExecutorConnectionSettings
{
    public static MesosConnectionSettings From(MesosExecutorEnvironment environment, MesosExecutorOptions options) => new()
    {
        Codec = MesosCodec.FromContentType(options.ContentType) ?? MesosCodec.Protobuf,
        CallTimeout = options.CallTimeout,
        Authorization = environment.AuthenticationToken is { } token ? new AuthenticationHeaderValue("Bearer", token) : null,
    };
}
