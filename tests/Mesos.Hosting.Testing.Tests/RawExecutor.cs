using System.Net.Http.Headers;
using System.Threading.Channels;
using Mesos.Hosting.Wire;
using Mesos.V1;
using ExecutorCall = Mesos.V1.Executor.Call;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>An executor written with raw HTTP: the test plays the executor that the agent launched.</summary>
internal sealed class RawExecutor : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Channel<ExecutorEvent> _events = Channel.CreateUnbounded<ExecutorEvent>();
    private HttpResponseMessage? _stream;
    private Task _reading = Task.CompletedTask;

    public RawExecutor(IReadOnlyDictionary<string, string> environment, MesosCodec? codec = null)
    {
        Environment = environment;
        Endpoint = new Uri($"http://{environment["MESOS_AGENT_ENDPOINT"]}/api/v1/executor");
        Codec = codec ?? MesosCodec.Json;
        if (environment.TryGetValue("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", out var token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public Uri Endpoint { get; }

    public MesosCodec Codec { get; }

    public HttpResponseMessage? SubscribeResponse => _stream;

    public Task Ended => _reading;

    public ExecutorCall Call(ExecutorCall.Types.Type type) => new()
    {
        Type = type,
        FrameworkId = MesosId.Of<FrameworkID>(Environment["MESOS_FRAMEWORK_ID"]),
        ExecutorId = MesosId.Of<ExecutorID>(Environment["MESOS_EXECUTOR_ID"]),
    };

    public async Task<HttpResponseMessage> SubscribeAsync(ExecutorCall.Types.Subscribe? subscribe = null)
    {
        var call = Call(ExecutorCall.Types.Type.Subscribe);
        call.Subscribe = subscribe ?? new ExecutorCall.Types.Subscribe();
        _stream = await _http.SendAsync(RawScheduler.Request(Endpoint, Codec.Encode(call), Codec.ContentType, Codec.ContentType), HttpCompletionOption.ResponseHeadersRead);
        if (_stream.IsSuccessStatusCode)
        {
            var body = await _stream.Content.ReadAsStreamAsync();
            _reading = ReadAsync(body);
        }

        return _stream;
    }

    public async Task<HttpResponseMessage> SendAsync(ExecutorCall call) => await _http.SendAsync(RawScheduler.Request(Endpoint, Codec.Encode(call), Codec.ContentType));

    public Task<HttpResponseMessage> UpdateAsync(TaskID taskId, TaskState state, Google.Protobuf.ByteString? uuid = null)
    {
        var call = Call(ExecutorCall.Types.Type.Update);
        call.Update = new ExecutorCall.Types.Update
        {
            Status = new TaskStatus { TaskId = taskId, State = state, Source = TaskStatus.Types.Source.Executor, Uuid = uuid ?? MesosUuid.NewBytes() },
        };
        return SendAsync(call);
    }

    public async Task<ExecutorEvent> NextAsync(ExecutorEvent.Types.Type? type = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var evt = await _events.Reader.ReadAsync(deadline.Token);
            if (type is null || evt.Type == type)
            {
                return evt;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stream?.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _http.Dispose();
    }

    /// <summary>Reads the environment a launched executor process wrote to <c>env.txt</c> in its sandbox.</summary>
    public static async Task<Dictionary<string, string>> EnvironmentOfAsync(LocalMesosCluster cluster, string executorId)
    {
        string? path = null;
        await OsConditions.WaitAsync(() =>
        {
            path = Directory.EnumerateFiles(cluster.WorkDirectory, "env.txt", SearchOption.AllDirectories)
                .FirstOrDefault(p => p.Contains($"/executors/{executorId}/", StringComparison.Ordinal) && File.ReadAllText(p).Contains("MESOS_EXECUTOR_ID", StringComparison.Ordinal));
            return Task.FromResult(path is not null);
        }, $"executor {executorId} to write its environment");
        return (await File.ReadAllLinesAsync(path!)).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            await using var reader = new RecordIoReader(body);
            while (await reader.ReadAsync())
            {
                await _events.Writer.WriteAsync(Codec.Decode<ExecutorEvent>(reader.Current));
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
