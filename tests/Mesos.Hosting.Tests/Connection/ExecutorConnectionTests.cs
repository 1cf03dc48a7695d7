using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Mesos.Hosting.Connection;
using Mesos.Hosting.Wire;
using Mesos.V1.Executor;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>
/// An executor's own HTTP/1.1 to its agent, against a peer that is a bare socket: requests as Mesos expects them, one
/// kept connection for calls, an agent's idle close survived, refusals and garbage told apart, the event stream read
/// through its chunks.
/// </summary>
public sealed class ExecutorConnectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly Call Update = new() { Type = Call.Types.Type.Update };
    private const string Accepted = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task Calls_go_one_after_another_on_one_kept_connection_with_the_headers_the_agent_reads()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri, token: "s3cret");

        for (var i = 0; i < 3; i++)
        {
            var sent = connection.SendAsync(Update, CancellationToken.None);
            var (head, body) = Assert.Single(await agent.ReadRequestsAsync(1));
            await agent.WriteAsync(Accepted);
            await sent.WaitAsync(Deadline);

            Assert.Equal($"POST /api/v1/executor HTTP/1.1\r\nHost: {agent.Uri.Authority}\r\nContent-Type: application/x-protobuf\r\nAuthorization: Bearer s3cret\r\nContent-Length: {body.Length}\r\n", head);
        }

        Assert.Equal(1, agent.Connections);
        Assert.False(agent.AnotherConnectionWaiting);
    }

    [Fact]
    public async Task A_call_after_the_agent_closed_the_kept_connection_goes_on_a_new_one()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);
        var first = await SendAnsweredAsync(connection, agent, Accepted);
        await first.WaitAsync(Deadline);

        agent.CloseConnection();
        var second = await SendAnsweredAsync(connection, agent, Accepted);

        await second.WaitAsync(Deadline);
        Assert.Equal(2, agent.Connections);
    }

    [Fact]
    public async Task A_refusal_names_its_status_and_message_and_the_connection_carries_the_next_call()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);

        var refused = await SendAnsweredAsync(connection, agent, "HTTP/1.1 400 Bad Request\r\nContent-Length: 30\r\n\r\nExecutor is not subscribed yet");
        var refusal = await Assert.ThrowsAsync<MesosCallException>(() => refused.WaitAsync(Deadline));

        var later = await SendAnsweredAsync(connection, agent, Accepted);
        await later.WaitAsync(Deadline);

        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Equal("Executor is not subscribed yet", refusal.MesosMessage);
        Assert.Equal(1, agent.Connections);
    }

    [Fact]
    public async Task A_busy_agent_is_unavailable_for_as_long_as_its_retry_after_says()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);

        var sent = await SendAnsweredAsync(connection, agent, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n13\r\nAgent is recovering\r\n0\r\n\r\n");

        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => sent.WaitAsync(Deadline));
        Assert.Equal(TimeSpan.FromSeconds(7), unavailable.RetryAfter);
        Assert.Equal($"The Mesos agent at {agent.Uri}api/v1/executor answered UPDATE with 503: Agent is recovering", unavailable.Message);
    }

    [Fact]
    public async Task An_answer_that_is_not_HTTP_is_unavailability_and_the_next_call_takes_a_new_connection()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);

        var sent = await SendAnsweredAsync(connection, agent, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => sent.WaitAsync(Deadline));

        agent.CloseConnection();
        var later = await SendAnsweredAsync(connection, agent, Accepted);
        await later.WaitAsync(Deadline);

        Assert.Contains("answered UPDATE with what is not HTTP/1.1: An answer whose status line is not HTTP/1.x: 'SSH-2.0-OpenSSH_9.2'.", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(2, agent.Connections);
    }

    [Fact]
    public async Task An_agent_silent_for_the_call_timeout_is_unavailable()
    {
        await using var agent = await RawPeer.StartAsync("/");
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var connection = Connection(agent.Uri, time: time);

        var sent = connection.SendAsync(Update, CancellationToken.None);
        await agent.ReadRequestsAsync(1);
        time.Advance(TimeSpan.FromSeconds(5));

        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => sent.WaitAsync(Deadline));
        Assert.Equal($"{agent.Uri}api/v1/executor did not answer UPDATE within 5 s.", unavailable.Message);
    }

    [Fact]
    public async Task A_refusal_whose_message_stalls_is_read_only_for_the_call_timeout_on_the_injected_clock()
    {
        await using var agent = await RawPeer.StartAsync("/");
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var connection = Connection(agent.Uri, time: time, callTimeout: TimeSpan.FromHours(1));

        var refused = await SendAnsweredAsync(connection, agent, "HTTP/1.1 400 Bad Request\r\nContent-Length: 100\r\n\r\nExecutor is");
        var refusal = await Assert.ThrowsAsync<MesosCallException>(() => WhileTheClockRunsAsync(time, refused));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Equal("Executor is …(truncated)", refusal.MesosMessage);
    }

    [Fact]
    public async Task An_agent_that_accepts_a_subscription_and_sends_no_event_is_unavailable_after_the_call_timeout_on_the_injected_clock()
    {
        await using var agent = await RawPeer.StartAsync("/");
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var connection = Connection(agent.Uri, time: time, callTimeout: TimeSpan.FromHours(1));

        var subscribing = connection.SubscribeAsync(new Call { Type = Call.Types.Type.Subscribe }, CancellationToken.None);
        await agent.ReadRequestsAsync(1);
        await agent.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n\r\n");
        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => WhileTheClockRunsAsync(time, subscribing));

        Assert.Equal("The agent sent nothing within 1 h of accepting SUBSCRIBE.", unavailable.Message);
    }

    [Fact]
    public async Task An_agent_that_refuses_connections_is_unavailable_to_a_subscription_and_to_a_call()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var agent = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}/");
        closed.Stop();
        using var connection = Connection(agent);

        var subscribe = await Assert.ThrowsAsync<MesosUnavailableException>(() => connection.SubscribeAsync(new Call { Type = Call.Types.Type.Subscribe }, CancellationToken.None).WaitAsync(Deadline));
        var update = await Assert.ThrowsAsync<MesosUnavailableException>(() => connection.SendAsync(Update, CancellationToken.None).WaitAsync(Deadline));

        Assert.StartsWith($"Could not reach {agent}api/v1/executor for SUBSCRIBE: ", subscribe.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Could not reach {agent}api/v1/executor for UPDATE: ", update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_nobody_asked_for_is_never_taken_for_the_next_calls()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);
        var first = await SendAnsweredAsync(connection, agent, Accepted + Accepted);
        await first.WaitAsync(Deadline);

        var second = connection.SendAsync(Update, CancellationToken.None);
        agent.CloseConnection();
        await agent.ReadRequestsAsync(1);
        Assert.False(second.IsCompleted, "the second call was answered by the first call's extra answer");
        await agent.WriteAsync(Accepted);

        await second.WaitAsync(Deadline);
        Assert.Equal(2, agent.Connections);
    }

    [Fact]
    public async Task A_call_whose_answer_broke_off_is_not_sent_again()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);
        await (await SendAnsweredAsync(connection, agent, Accepted)).WaitAsync(Deadline);

        var sent = await SendAnsweredAsync(connection, agent, "HTTP/1.1 20");
        agent.CloseConnection();

        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => sent.WaitAsync(Deadline));
        Assert.Contains("The connection closed in the middle of an answer's head.", unavailable.Message, StringComparison.Ordinal);
        Assert.False(agent.AnotherConnectionWaiting, "the call was sent again");
    }

    [Fact]
    public async Task A_call_under_way_when_the_connection_is_disposed_fails_and_opens_nothing_new()
    {
        await using var agent = await RawPeer.StartAsync("/");
        var connection = Connection(agent.Uri);
        var sent = connection.SendAsync(Update, CancellationToken.None);
        await agent.ReadRequestsAsync(1);

        connection.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sent.WaitAsync(Deadline));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.SendAsync(Update, CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(1, agent.Connections);
        Assert.False(agent.AnotherConnectionWaiting, "a connection was opened after Dispose");
    }

    [Fact]
    public async Task A_subscription_under_way_when_the_connection_is_disposed_fails_at_once_and_opens_nothing_new()
    {
        await using var agent = await RawPeer.StartAsync("/");
        var connection = Connection(agent.Uri, callTimeout: TimeSpan.FromHours(1));
        var subscribing = connection.SubscribeAsync(new Call { Type = Call.Types.Type.Subscribe }, CancellationToken.None);
        await agent.ReadRequestsAsync(1);

        connection.Dispose();
        connection.Dispose(); // as the container does: the driver that owns it is registered under two service types

        // Its call timeout is an hour: only the connection closing under it ends it within the deadline.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscribing.WaitAsync(Deadline));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.SubscribeAsync(new Call { Type = Call.Types.Type.Subscribe }, CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(1, agent.Connections);
        Assert.False(agent.AnotherConnectionWaiting, "a connection was opened after Dispose");
    }

    [Fact]
    public async Task A_subscription_still_connecting_when_the_connection_is_disposed_fails_at_once()
    {
        // A backlog of one, taken by another connection: the agent's kernel leaves the next one unanswered.
        using var agent = new TcpListener(IPAddress.Loopback, 0);
        agent.Start(0);
        using var first = new TcpClient();
        await first.ConnectAsync((IPEndPoint)agent.LocalEndpoint);
        var connection = Connection(new Uri($"http://{agent.LocalEndpoint}/"), callTimeout: TimeSpan.FromHours(1));
        var subscribing = connection.SubscribeAsync(new Call { Type = Call.Types.Type.Subscribe }, CancellationToken.None);

        connection.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscribing.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_subscription_reads_its_events_through_the_chunks_they_came_in_until_the_agent_ends_the_stream()
    {
        await using var agent = await RawPeer.StartAsync("/");
        using var connection = Connection(agent.Uri);

        var subscribing = connection.SubscribeAsync(new Call { Type = Call.Types.Type.Subscribe }, CancellationToken.None);
        var (head, _) = Assert.Single(await agent.ReadRequestsAsync(1));
        var records = new ArrayBufferWriter<byte>();
        MesosCodec.Protobuf.WriteRecord(records, new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed
            {
                ExecutorInfo = new Mesos.V1.ExecutorInfo { ExecutorId = new Mesos.V1.ExecutorID { Value = "ex" } },
                FrameworkInfo = new Mesos.V1.FrameworkInfo { User = "u", Name = "fw" },
                AgentInfo = new Mesos.V1.AgentInfo { Hostname = "agent" },
            },
        });
        MesosCodec.Protobuf.WriteRecord(records, new Event { Type = Event.Types.Type.Message, Message = new Event.Types.Message { Data = Google.Protobuf.ByteString.CopyFromUtf8("hi") } });
        var stream = records.WrittenMemory;
        await agent.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n\r\n");
        await agent.WriteAsync(Chunk(stream[..3]));
        await agent.WriteAsync(Chunk(stream[3..]));
        await using var subscription = await subscribing.WaitAsync(Deadline);
        await agent.WriteAsync("0\r\n\r\n");

        Assert.Contains("Accept: application/x-protobuf\r\n", head, StringComparison.Ordinal);
        Assert.Equal(Event.Types.Type.Subscribed, subscription.First.Type);
        Assert.Equal("hi", (await subscription.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Deadline))?.Message.Data.ToStringUtf8());
        Assert.Null(await subscription.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Deadline));
        Assert.Equal("the agent closed the subscription stream", subscription.EndReason);
    }

    // Sends an UPDATE and, once the agent has it, answers it with answer: the send, to await or to see fail.
    private static async Task<Task> SendAnsweredAsync(ExecutorConnection connection, RawPeer agent, string answer)
    {
        var sent = connection.SendAsync(Update, CancellationToken.None);
        await agent.ReadRequestsAsync(1);
        await agent.WriteAsync(answer);
        return sent;
    }

    // The test cannot see when the connection starts a wait, so the fake clock moves 15 s every 10 ms until the call
    // ends: a bound of an hour on it ends within a few seconds, while one on the real clock would outlast the deadline.
    // Each step is short beside the hour, so that the bound of the stage before (the answer's head) cannot fire first.
    private static async Task WhileTheClockRunsAsync(FakeTimeProvider time, Task call)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var started = TimeProvider.System.GetTimestamp();
        while (!call.IsCompleted && await ticks.WaitForNextTickAsync())
        {
            time.Advance(TimeSpan.FromSeconds(15));
            if (TimeProvider.System.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"The call had not ended {Deadline.TotalSeconds} s after the fake clock began to run; it is at {time.GetUtcNow():u}.");
            }
        }

        await call;
    }

    private static ExecutorConnection Connection(Uri agent, string? token = null, TimeProvider? time = null, TimeSpan? callTimeout = null)
        => new(agent, new MesosConnectionSettings
        {
            Codec = MesosCodec.Protobuf,
            CallTimeout = callTimeout ?? TimeSpan.FromSeconds(5),
            Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token),
        }, time ?? TimeProvider.System);

    private static byte[] Chunk(ReadOnlyMemory<byte> data)
        => [.. Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), .. data.Span, .. "\r\n"u8];
}
