using System.Net;
using System.Net.Http.Headers;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Task = System.Threading.Tasks.Task;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>The scheduler's connection on its own, against scripted answers: what it sends, where, and what it makes of answers.</summary>
public sealed class SchedulerConnectionTests
{
    private static readonly Uri Master = new("http://m1:5050/");
    private static readonly AuthenticationHeaderValue Credentials = new("Basic", "cHJpbmNpcGFsOnNlY3JldA==");

    [Fact]
    public async Task Subscribe_follows_a_redirect_and_calls_go_to_that_leader_stamped_with_the_stream_id()
    {
        var stream = new ScriptedHandler(_ => Redirect("//m2:5050/api/v1/scheduler"), _ => Stream("stream-7", Subscribed()));
        var calls = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.Accepted));
        using var connection = Connection(stream, calls, masters: [Master, new Uri("http://m2:5050/")]);

        await using var subscription = await connection.SubscribeAsync(SubscribeCall(), CancellationToken.None);
        await connection.SendAsync(new Call { Type = Call.Types.Type.Revive }, CancellationToken.None);

        Assert.Equal("stream-7", subscription.StreamId);
        Assert.Equal(new Uri("http://m2:5050/"), connection.Leader);
        var sent = Assert.Single(calls.Sent).Request;
        Assert.Equal(new Uri("http://m2:5050/api/v1/scheduler"), sent.RequestUri);
        Assert.Equal("stream-7", sent.Headers.GetValues("Mesos-Stream-Id").Single());
        Assert.Equal("application/x-protobuf", sent.Content!.Headers.ContentType!.ToString());
        Assert.Equal(Credentials, sent.Headers.Authorization);
    }

    [Fact]
    public async Task Credentials_are_withheld_from_a_master_only_a_redirect_named()
    {
        var stream = new ScriptedHandler(_ => Redirect("//elsewhere:5050/api/v1/scheduler"), _ => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        using var connection = Connection(stream, new ScriptedHandler());

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));

        var requests = stream.Sent.Select(s => s.Request).ToList();
        Assert.Equal(Credentials, requests[0].Headers.Authorization);
        Assert.Null(requests[1].Headers.Authorization);
        Assert.Contains("credentials were withheld from http://elsewhere:5050/", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_is_not_now_with_the_wait_the_master_asked_for_and_a_400_is_a_refusal()
    {
        var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("No leader elected") };
        unavailable.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        var stream = new ScriptedHandler(_ => unavailable, _ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("Failed to validate scheduler::Call: Expecting 'subscribe' to be present") });
        using var connection = Connection(stream, new ScriptedHandler());

        var notNow = await Assert.ThrowsAsync<MesosUnavailableException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));
        var refused = await Assert.ThrowsAsync<MesosCallException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));

        Assert.Equal($"The Mesos master at {Master} answered SUBSCRIBE with 503: No leader elected", notNow.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), notNow.RetryAfter);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Failed to validate scheduler::Call: Expecting 'subscribe' to be present", refused.MesosMessage);
    }

    [Fact]
    public async Task An_error_as_first_event_is_a_refusal_and_a_subscribed_without_what_it_needs_is_a_broken_master()
    {
        var error = new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "Framework has been removed" } };
        var noId = Subscribed();
        noId.Subscribed.FrameworkId = null;
        var stream = new ScriptedHandler(
            _ => Stream("s1", error), _ => Stream("s2", noId), _ => Stream(streamId: null, Subscribed()), _ => Stream("s\u00e9", Subscribed()), _ => Stream("s 4", Subscribed()));
        using var connection = Connection(stream, new ScriptedHandler());

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));
        var broken = await Assert.ThrowsAsync<MesosProtocolException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));
        var noStream = await Assert.ThrowsAsync<MesosProtocolException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));

        // A header carries the stream ID back on every call, and a header takes visible ASCII only.
        var notAscii = await Assert.ThrowsAsync<MesosProtocolException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));
        var withSpace = await Assert.ThrowsAsync<MesosProtocolException>(() => connection.SubscribeAsync(SubscribeCall(), CancellationToken.None));
        Assert.All([notAscii, withSpace], ex => Assert.StartsWith("The master answered SUBSCRIBE without a usable Mesos-Stream-Id header", ex.Message, StringComparison.Ordinal));

        Assert.Equal("Mesos refused the subscription: Framework has been removed", refused.Message);
        Assert.Equal("The master's SUBSCRIBED carried no framework_id.", broken.Message);
        Assert.StartsWith("The master answered SUBSCRIBE without a usable Mesos-Stream-Id header", noStream.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_call_is_sent_without_a_live_subscription()
    {
        var calls = new ScriptedHandler();
        using var connection = Connection(new ScriptedHandler(_ => Stream("s1", Subscribed())), calls);

        await Assert.ThrowsAsync<MesosNotSubscribedException>(() => connection.SendAsync(new Call { Type = Call.Types.Type.Revive }, CancellationToken.None));
        var subscription = await connection.SubscribeAsync(SubscribeCall(), CancellationToken.None);
        await subscription.DisposeAsync();
        var ended = await Assert.ThrowsAsync<MesosNotSubscribedException>(() => connection.SendAsync(new Call { Type = Call.Types.Type.Kill }, CancellationToken.None));

        Assert.Contains("Cannot send KILL", ended.Message, StringComparison.Ordinal);
        Assert.Empty(calls.Sent);
    }

    private static SchedulerConnection Connection(ScriptedHandler stream, ScriptedHandler calls, Uri[]? masters = null)
    {
        var settings = new MesosConnectionSettings { Codec = MesosCodec.Protobuf, CallTimeout = TimeSpan.FromSeconds(5), Authorization = Credentials };
        return new SchedulerConnection(settings, new StaticMasterDetector(masters ?? [Master]), TimeProvider.System, stream, calls);
    }

    private static Call SubscribeCall()
        => new() { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = new FrameworkInfo { User = "u", Name = "n" } } };

    private static Event Subscribed() => new()
    {
        Type = Event.Types.Type.Subscribed,
        Subscribed = new Event.Types.Subscribed { FrameworkId = new FrameworkID { Value = "fw" }, HeartbeatIntervalSeconds = 15 },
    };

    private static HttpResponseMessage Redirect(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
        response.Headers.TryAddWithoutValidation("Location", location);
        return response;
    }

    private static HttpResponseMessage Stream(string? streamId, params Event[] events)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var evt in events)
        {
            MesosCodec.Protobuf.WriteRecord(body, evt);
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body.WrittenSpan.ToArray()) };
        if (streamId is not null)
        {
            response.Headers.Add("Mesos-Stream-Id", streamId);
        }

        return response;
    }
}
