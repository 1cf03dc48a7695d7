using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Google.Protobuf;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>
/// A scheduler written with nothing but HttpClient and the wire layer, the way any third-party
/// client talks to Mesos: tests drive the local master with it, never with the SDK's driver.
/// </summary>
internal sealed class RawScheduler : IAsyncDisposable
{
    private readonly HttpClient _stream = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly HttpClient _calls = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _endpoint;

    public RawScheduler(Uri master, MesosCodec? codec = null)
    {
        _endpoint = new Uri(master, "api/v1/scheduler");
        Codec = codec ?? MesosCodec.Protobuf;
    }

    public MesosCodec Codec { get; }

    public RawSubscription? Subscription { get; private set; }

    public string FrameworkId => Subscription?.FrameworkId ?? throw new InvalidOperationException("Not subscribed.");

    public static FrameworkInfo Framework(string name = "raw", double failoverTimeout = 0, bool checkpoint = false, params FrameworkInfo.Types.Capability.Types.Type[] capabilities)
    {
        var info = new FrameworkInfo { User = System.Environment.UserName, Name = name, FailoverTimeout = failoverTimeout, Checkpoint = checkpoint };
        info.Capabilities.AddRange(capabilities.Select(c => new FrameworkInfo.Types.Capability { Type = c }));
        return info;
    }

    public static HttpRequestMessage Request(Uri endpoint, byte[] body, string? contentType, string? accept = null, string? streamId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (streamId is not null)
        {
            request.Headers.Add("Mesos-Stream-Id", streamId);
        }

        return request;
    }

    /// <summary>Subscribes and waits for SUBSCRIBED; throws with the ERROR event's message if one comes instead.</summary>
    public async Task<RawSubscription> SubscribeAsync(FrameworkInfo info, params string[] suppressedRoles)
    {
        var subscription = await OpenAsync(info, suppressedRoles);
        var first = await subscription.NextAsync(TimeSpan.FromSeconds(10));
        if (first.Type != Event.Types.Type.Subscribed)
        {
            throw new InvalidOperationException($"Expected SUBSCRIBED, got {first}");
        }

        subscription.FrameworkId = first.Subscribed.FrameworkId.Value;
        Subscription = subscription;
        return subscription;
    }

    /// <summary>Sends SUBSCRIBE and returns the open stream, whatever its first event.</summary>
    public async Task<RawSubscription> OpenAsync(FrameworkInfo info, params string[] suppressedRoles)
    {
        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = info } };
        call.Subscribe.SuppressedRoles.AddRange(suppressedRoles);
        call.FrameworkId = info.Id;
        var response = await _stream.SendAsync(Request(_endpoint, Codec.Encode(call), Codec.ContentType, Codec.ContentType), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"SUBSCRIBE answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return new RawSubscription(response, Codec);
    }

    public async Task<HttpResponseMessage> CallAsync(Call call, string? streamId = null)
    {
        call.FrameworkId ??= Subscription is null ? null : MesosId.Of<FrameworkID>(FrameworkId);
        return await _calls.SendAsync(Request(_endpoint, Codec.Encode(call), Codec.ContentType, streamId: streamId ?? Subscription?.StreamId));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _calls.SendAsync(request);

    public async Task AcceptedAsync(Call call)
    {
        using var response = await CallAsync(call);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{call.Type} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public Task AcknowledgeAsync(TaskStatus status) => AcceptedAsync(new Call
    {
        Type = Call.Types.Type.Acknowledge,
        Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
    });

    /// <summary>Waits for the task's next update in <paramref name="state"/> and acknowledges it.</summary>
    public async Task<TaskStatus> AcknowledgeNextAsync(string taskId, TaskState state)
    {
        var status = (await Subscription!.NextAsync(TimeSpan.FromSeconds(10), e => e.Update?.Status is { } s && s.TaskId.Value == taskId && s.State == state)).Update.Status;
        await AcknowledgeAsync(status);
        return status;
    }

    public Task DeclineAsync(IEnumerable<OfferID> offers, double refuseSeconds = 0)
    {
        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = refuseSeconds } };
        decline.OfferIds.AddRange(offers);
        return AcceptedAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline });
    }

    public Task LaunchAsync(Offer offer, IEnumerable<TaskInfo> tasks, double refuseSeconds = 0)
    {
        var launch = new Offer.Types.Operation.Types.Launch();
        launch.TaskInfos.AddRange(tasks);
        var accept = new Call.Types.Accept { Filters = new Filters { RefuseSeconds = refuseSeconds } };
        accept.OfferIds.Add(offer.Id);
        accept.Operations.Add(new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = launch });
        return AcceptedAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept });
    }

    public static TaskInfo ShellTask(Offer offer, string id, string command, double cpus = 0.1, double mem = 32)
    {
        var task = new TaskInfo { Name = id, TaskId = MesosId.Of<TaskID>(id), AgentId = offer.AgentId, Command = new CommandInfo { Shell = true, Value = command } };
        task.Resources.Add(Scalar("cpus", cpus, offer.AllocationInfo?.Role));
        task.Resources.Add(Scalar("mem", mem, offer.AllocationInfo?.Role));
        return task;
    }

    public static Resource Scalar(string name, double value, string? role = null)
    {
        var resource = new Resource { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };
        if (role is not null)
        {
            resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
        }

        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        if (Subscription is not null)
        {
            await Subscription.DisposeAsync();
        }

        _stream.Dispose();
        _calls.Dispose();
    }
}

/// <summary>An open SUBSCRIBE response, read in the background into a queue of events.</summary>
internal sealed class RawSubscription : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private bool _disposed;

    public RawSubscription(HttpResponseMessage response, MesosCodec codec)
    {
        _response = response;
        StreamId = response.Headers.TryGetValues("Mesos-Stream-Id", out var ids) ? ids.Single() : null;
        ContentType = response.Content.Headers.ContentType?.MediaType;
        _reading = ReadAsync(codec);
    }

    public string? StreamId { get; }

    public string? ContentType { get; }

    public string? FrameworkId { get; set; }

    public HttpResponseMessage Response => _response;

    /// <summary>Completes when the master ends the stream.</summary>
    public Task Ended => _reading;

    public List<Event> Seen { get; } = [];

    public async Task<Event> NextAsync(TimeSpan timeout, Func<Event, bool>? which = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var evt = await _events.Reader.ReadAsync(deadline.Token);
                if (which?.Invoke(evt) ?? true)
                {
                    return evt;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching event within {timeout}; seen: {string.Join(", ", Seen.Select(e => e.Type))}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The stream ended; seen: {string.Join(", ", Seen.Select(e => e.Type))}");
        }
    }

    public Task<Event> NextAsync(Event.Types.Type type, TimeSpan? timeout = null) => NextAsync(timeout ?? TimeSpan.FromSeconds(10), e => e.Type == type);

    /// <summary>Whether an event matching <paramref name="which"/> arrives within <paramref name="window"/> (for asserting absence).</summary>
    public async Task<bool> ArrivesWithinAsync(TimeSpan window, Func<Event, bool> which)
    {
        try
        {
            await NextAsync(window, which);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(MesosCodec codec)
    {
        try
        {
            await using var reader = new RecordIoReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadAsync(_stop.Token))
            {
                var evt = codec.Decode<Event>(reader.Current);
                lock (Seen)
                {
                    Seen.Add(evt);
                }

                await _events.Writer.WriteAsync(evt);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
