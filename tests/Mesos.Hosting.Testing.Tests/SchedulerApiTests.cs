using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>The master's scheduler endpoint against the conformance checklist (§7, items 1–16), over raw HTTP.</summary>
public sealed class SchedulerApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private LocalMesosCluster _cluster = null!;
    private HttpClient _http = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Masters = 2, HeartbeatInterval = TimeSpan.FromMilliseconds(300) });
        _http = new HttpClient();
        _endpoint = new Uri(_cluster.MasterUri, "api/v1/scheduler");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_get_is_refused_with_405_and_allow_post()
    {
        using var response = await _http.GetAsync(_endpoint);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Content_type_must_be_present_and_exact()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        await AssertError(RawScheduler.Request(_endpoint, body, contentType: null), HttpStatusCode.BadRequest, "Expecting 'Content-Type' to be present");

        var charset = RawScheduler.Request(_endpoint, body, "application/json");
        charset.Content!.Headers.ContentType!.CharSet = "utf-8";
        await AssertError(charset, HttpStatusCode.UnsupportedMediaType, "Expecting 'Content-Type' of application/json or application/x-protobuf");
    }

    [Fact]
    public async Task Bodies_that_do_not_parse_get_mesos_errors()
    {
        await AssertError(Json("{\"type\":"), HttpStatusCode.BadRequest, "Failed to parse body into JSON: ");
        await AssertError(Json("""{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"x"}}}"""), HttpStatusCode.BadRequest,
            "Failed to convert JSON into Call protobuf: Missing required fields: subscribe.framework_info.user");
        await AssertError(RawScheduler.Request(_endpoint, [0xFF, 0xFF, 0xFF], MesosContentTypes.Protobuf), HttpStatusCode.BadRequest, "Failed to parse body into Call protobuf");
    }

    [Fact]
    public async Task A_call_without_type_fails_validation()
        => await AssertError(Json("""{"framework_id":{"value":"x"}}"""), HttpStatusCode.BadRequest, "Failed to validate scheduler::Call: Expecting 'type' to be present");

    [Fact]
    public async Task An_unknown_type_name_is_dropped_and_so_the_type_is_missing()
        => await AssertError(Json("""{"type":"FOO"}"""), HttpStatusCode.BadRequest, "Failed to validate scheduler::Call: Expecting 'type' to be present");

    [Fact]
    public async Task A_subscribe_carrying_a_stream_id_is_refused()
    {
        var call = Subscribe(RawScheduler.Framework());
        await AssertError(RawScheduler.Request(_endpoint, MesosCodec.Json.Encode(call), MesosContentTypes.Json, streamId: Guid.NewGuid().ToString()),
            HttpStatusCode.BadRequest, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
    }

    [Fact]
    public async Task A_subscribe_whose_two_framework_ids_differ_is_refused()
    {
        var info = RawScheduler.Framework();
        info.Id = MesosId.Of<FrameworkID>("a");
        var onlyInInfo = Subscribe(info);
        onlyInInfo.FrameworkId = null;
        var onlyInCall = Subscribe(RawScheduler.Framework());
        onlyInCall.FrameworkId = MesosId.Of<FrameworkID>("a");

        foreach (var call in new[] { onlyInInfo, onlyInCall })
        {
            await AssertError(RawScheduler.Request(_endpoint, MesosCodec.Json.Encode(call), MesosContentTypes.Json), HttpStatusCode.BadRequest,
                "Failed to validate scheduler::Call: 'framework_id' differs from 'subscribe.framework_info.id'");
        }
    }

    [Theory]
    [InlineData(null, MesosContentTypes.Json)]
    [InlineData("application/json", MesosContentTypes.Json)]
    [InlineData("application/x-protobuf", MesosContentTypes.Protobuf)]
    [InlineData("application/x-protobuf, */*", MesosContentTypes.Json)]
    [InlineData("application/x-protobuf;q=1, application/json;q=0.1", MesosContentTypes.Json)]
    [InlineData("application/*", MesosContentTypes.Json)]
    public async Task The_stream_encoding_follows_mesos_accept_rules(string? accept, string expected)
    {
        using var response = await _http.SendAsync(RawScheduler.Request(_endpoint, MesosCodec.Json.Encode(Subscribe(RawScheduler.Framework())), MesosContentTypes.Json, accept), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task An_unacceptable_accept_gets_406()
        => await AssertError(RawScheduler.Request(_endpoint, MesosCodec.Json.Encode(Subscribe(RawScheduler.Framework())), MesosContentTypes.Json, "text/plain"),
            HttpStatusCode.NotAcceptable, "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'");

    [Theory]
    [InlineData(MesosContentTypes.Json)]
    [InlineData(MesosContentTypes.Protobuf)]
    public async Task A_subscription_streams_subscribed_then_heartbeats(string contentType)
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri, MesosCodec.FromContentType(contentType));
        var subscription = await scheduler.OpenAsync(RawScheduler.Framework());

        Assert.Equal(HttpStatusCode.OK, subscription.Response.StatusCode);
        Assert.True(subscription.Response.Headers.TransferEncodingChunked);
        Assert.Null(subscription.Response.Content.Headers.ContentLength);
        Assert.Equal(contentType, subscription.ContentType);
        Assert.True(Guid.TryParseExact(subscription.StreamId, "D", out _), $"stream ID '{subscription.StreamId}'");
        Assert.Equal(subscription.StreamId, subscription.StreamId!.ToLowerInvariant());

        var subscribed = await subscription.NextAsync(Wait);
        Assert.Equal(Event.Types.Type.Subscribed, subscribed.Type);
        Assert.Equal(0.3, subscribed.Subscribed.HeartbeatIntervalSeconds, 6);
        Assert.Equal($"master@127.0.0.1:{_cluster.MasterUri.Port}", subscribed.Subscribed.MasterInfo.Pid);
        Assert.Equal(16777343u, subscribed.Subscribed.MasterInfo.Ip);
        Assert.EndsWith("-0000", subscribed.Subscribed.FrameworkId.Value, StringComparison.Ordinal);

        Assert.Equal(Event.Types.Type.Heartbeat, (await subscription.NextAsync(Wait)).Type);
        await subscription.NextAsync(Event.Types.Type.Heartbeat);
        await subscription.NextAsync(Event.Types.Type.Heartbeat);
    }

    [Fact]
    public async Task The_default_heartbeat_interval_is_fifteen_seconds()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0 });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var subscription = await scheduler.OpenAsync(RawScheduler.Framework());

        Assert.Equal(15.0, (await subscription.NextAsync(Wait)).Subscribed.HeartbeatIntervalSeconds);
        Assert.Equal(Event.Types.Type.Heartbeat, (await subscription.NextAsync(Wait)).Type);
    }

    [Fact]
    public async Task The_prefixed_path_reaches_the_same_handler()
    {
        using var response = await _http.SendAsync(RawScheduler.Request(new Uri(_cluster.MasterUri, "master/api/v1/scheduler"), MesosCodec.Json.Encode(Subscribe(RawScheduler.Framework())), MesosContentTypes.Json), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Mesos-Stream-Id"));
    }

    [Fact]
    public async Task Calls_are_checked_for_framework_and_stream_as_mesos_does()
    {
        await AssertError(Json("""{"type":"REVIVE"}"""), HttpStatusCode.BadRequest, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
        await AssertError(Json("""{"type":"REVIVE","framework_id":{"value":"nobody"}}"""), HttpStatusCode.BadRequest, "Framework cannot be found");

        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var subscription = await scheduler.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 60));
        var revive = "{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"" + scheduler.FrameworkId + "\"}}";

        await AssertError(Json(revive), HttpStatusCode.BadRequest, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        await AssertError(RawScheduler.Request(_endpoint, Encoding.UTF8.GetBytes(revive), MesosContentTypes.Json, streamId: "not-it"), HttpStatusCode.BadRequest,
            $"The stream ID 'not-it' included in this request didn't match the stream ID currently associated with framework ID {scheduler.FrameworkId}");
        using (var ok = await _http.SendAsync(RawScheduler.Request(_endpoint, Encoding.UTF8.GetBytes(revive), MesosContentTypes.Json, streamId: subscription.StreamId)))
        {
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
            Assert.Equal(string.Empty, await ok.Content.ReadAsStringAsync());
        }

        Assert.True(_cluster.DropFrameworkStream(scheduler.FrameworkId));
        await subscription.Ended.WaitAsync(Wait);
        await _cluster.Journal.WaitForAsync(j => j.Subscriptions.Any(s => s.FrameworkId == scheduler.FrameworkId && !s.Connected), Wait, "the master to see the stream end");
        await AssertError(RawScheduler.Request(_endpoint, Encoding.UTF8.GetBytes(revive), MesosContentTypes.Json, streamId: subscription.StreamId), HttpStatusCode.Forbidden, "Framework is not subscribed");
    }

    [Fact]
    public async Task Every_call_type_gets_its_mesos_status()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await scheduler.SubscribeAsync(RawScheduler.Framework());
        var agent = MesosId.Of<AgentID>(_cluster.AgentIds[0]);
        var uuid = MesosUuid.NewBytes();
        var calls = new (Call Call, HttpStatusCode Expected)[]
        {
            (new Call { Type = Call.Types.Type.Decline, Decline = new Call.Types.Decline { OfferIds = { MesosId.Of<OfferID>("gone") } } }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = MesosId.Of<TaskID>("none") } }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Shutdown, Shutdown = new Call.Types.Shutdown { ExecutorId = MesosId.Of<ExecutorID>("e"), AgentId = agent } }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Acknowledge, Acknowledge = new Call.Types.Acknowledge { AgentId = agent, TaskId = MesosId.Of<TaskID>("none"), Uuid = uuid } }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.ReconcileOperations, ReconcileOperations = new Call.Types.ReconcileOperations() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Message, Message = new Call.Types.Message { AgentId = agent, ExecutorId = MesosId.Of<ExecutorID>("e"), Data = Google.Protobuf.ByteString.CopyFromUtf8("hi") } }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.Request, Request = new Call.Types.Request() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.AcceptInverseOffers, AcceptInverseOffers = new Call.Types.AcceptInverseOffers() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.DeclineInverseOffers, DeclineInverseOffers = new Call.Types.DeclineInverseOffers() }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.AcknowledgeOperationStatus, AcknowledgeOperationStatus = new Call.Types.AcknowledgeOperationStatus { AgentId = agent, Uuid = uuid, OperationId = MesosId.Of<OperationID>("op") } }, HttpStatusCode.Accepted),
            (new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = new Call.Types.UpdateFramework { FrameworkInfo = WithId(RawScheduler.Framework(), scheduler.FrameworkId) } }, HttpStatusCode.OK),
            (new Call { Type = Call.Types.Type.Unknown }, HttpStatusCode.NotImplemented),
            (new Call { Type = Call.Types.Type.Teardown }, HttpStatusCode.Accepted),
        };

        foreach (var (call, expected) in calls)
        {
            using var response = await scheduler.CallAsync(call);
            Assert.True(expected == response.StatusCode, $"{call.Type}: expected {expected}, got {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Acknowledgements_need_a_valid_uuid_and_operation_acks_an_agent()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await scheduler.SubscribeAsync(RawScheduler.Framework());
        var agent = MesosId.Of<AgentID>(_cluster.AgentIds[0]);

        using var mixedEndian = await scheduler.CallAsync(new Call
        {
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new Call.Types.Acknowledge { AgentId = agent, TaskId = MesosId.Of<TaskID>("t"), Uuid = Google.Protobuf.ByteString.CopyFrom(new byte[16]) },
        });
        Assert.Equal(HttpStatusCode.BadRequest, mixedEndian.StatusCode);
        Assert.Equal("Failed to validate scheduler::Call: Not a valid UUID", await mixedEndian.Content.ReadAsStringAsync());

        using var noAgent = await scheduler.CallAsync(new Call
        {
            Type = Call.Types.Type.AcknowledgeOperationStatus,
            AcknowledgeOperationStatus = new Call.Types.AcknowledgeOperationStatus { Uuid = MesosUuid.NewBytes(), OperationId = MesosId.Of<OperationID>("op") },
        });
        Assert.Equal(HttpStatusCode.BadRequest, noAgent.StatusCode);
        Assert.Equal("Failed to validate scheduler::Call: Expecting 'agent_id' to be present", await noAgent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_non_leader_redirects_with_a_protocol_relative_location()
    {
        var follower = new Uri(_cluster.MasterUris[1], "api/v1/scheduler");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);

        using var response = await http.SendAsync(RawScheduler.Request(follower, MesosCodec.Json.Encode(Subscribe(RawScheduler.Framework())), MesosContentTypes.Json));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"//127.0.0.1:{_cluster.MasterUri.Port}/api/v1/scheduler", response.Headers.GetValues("Location").Single());
    }

    [Fact]
    public async Task A_recovering_leader_answers_503_until_it_has_recovered()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 0, TimeProvider = time });
        var endpoint = new Uri(cluster.MasterUri, "api/v1/scheduler");
        cluster.AnswerUnavailableFor(TimeSpan.FromSeconds(1));

        await AssertError(RawScheduler.Request(endpoint, Encoding.UTF8.GetBytes("""{"type":"REVIVE"}"""), MesosContentTypes.Json), HttpStatusCode.ServiceUnavailable, "Master has not finished recovery");
        time.Advance(TimeSpan.FromSeconds(1));
        await AssertError(RawScheduler.Request(endpoint, Encoding.UTF8.GetBytes("""{"type":"REVIVE"}"""), MesosContentTypes.Json), HttpStatusCode.BadRequest, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
    }

    [Fact]
    public async Task After_a_leader_failover_the_old_leader_redirects_to_the_new_one()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        var subscription = await scheduler.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 60));
        var oldLeader = _cluster.MasterUri;

        await _cluster.FailOverLeaderAsync(TimeSpan.FromMilliseconds(500));

        await subscription.Ended.WaitAsync(Wait);
        Assert.NotEqual(oldLeader, _cluster.MasterUri);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var redirect = await http.SendAsync(RawScheduler.Request(new Uri(oldLeader, "api/v1/scheduler"), Encoding.UTF8.GetBytes("{}"), MesosContentTypes.Json));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"//127.0.0.1:{_cluster.MasterUri.Port}/api/v1/scheduler", redirect.Headers.Location!.OriginalString);

        using var recovering = await http.SendAsync(RawScheduler.Request(new Uri(_cluster.MasterUri, "api/v1/scheduler"), Encoding.UTF8.GetBytes("{}"), MesosContentTypes.Json));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, recovering.StatusCode);
    }

    [Fact]
    public async Task State_and_health_answer()
    {
        await using var scheduler = new RawScheduler(_cluster.MasterUri);
        await scheduler.SubscribeAsync(RawScheduler.Framework("state-check"));

        using var health = await _http.GetAsync(new Uri(_cluster.MasterUri, "health"));
        var state = System.Text.Json.JsonDocument.Parse(await _http.GetStringAsync(new Uri(_cluster.MasterUri, "master/state")));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(state.RootElement.GetProperty("frameworks").EnumerateArray(), f => f.GetProperty("name").GetString() == "state-check" && f.GetProperty("id").GetString() == scheduler.FrameworkId);
        Assert.Equal(_cluster.AgentIds.Count, state.RootElement.GetProperty("slaves").GetArrayLength());
        Assert.Equal(4, state.RootElement.GetProperty("slaves")[0].GetProperty("resources").GetProperty("cpus").GetDouble());
    }

    internal static Call Subscribe(FrameworkInfo info) => new() { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = info }, FrameworkId = info.Id };

    internal static FrameworkInfo WithId(FrameworkInfo info, string id)
    {
        info.Id = MesosId.Of<FrameworkID>(id);
        return info;
    }

    private HttpRequestMessage Json(string json) => RawScheduler.Request(_endpoint, Encoding.UTF8.GetBytes(json), MesosContentTypes.Json);

    private async Task AssertError(HttpRequestMessage request, HttpStatusCode status, string message)
    {
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.StartsWith(message, body, StringComparison.Ordinal);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }
}
