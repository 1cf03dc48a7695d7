using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesos.Hosting.Connection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesos.Hosting.Tests.Connection;

/// <summary>
/// The pipelined call connection against a peer that is a bare socket: calls go out without waiting for answers, the
/// answers complete them in order, and whatever is not a plain 200 or 202 hands that call and every later one back.
/// </summary>
public sealed class PipelinedCallsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly KeyValuePair<string, string>[] Headers =
    [
        new("Content-Type", "application/x-protobuf"),
        new("Mesos-Stream-Id", "stream-7"),
    ];

    [Fact]
    public async Task Calls_go_out_without_waiting_for_answers_and_the_answers_complete_them_in_order()
    {
        await using var peer = await RawPeer.StartAsync("/master/api/v1/scheduler");
        using var calls = Calls(peer.Uri);

        var sent = Enumerable.Range(0, 20).Select(i => calls.SendAsync(Encoding.ASCII.GetBytes($"call-{i}"))).ToList();
        var requests = await peer.ReadRequestsAsync(20);
        Assert.All(sent, s => Assert.False(s.IsCompleted));
        await peer.WriteAsync(string.Concat(Enumerable.Repeat("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", 20)));

        Assert.All(await Task.WhenAll(sent).WaitAsync(Deadline), Assert.True);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"call-{i}"), requests.Select(r => r.Body));
        Assert.All(requests, r => Assert.StartsWith($"POST /master/api/v1/scheduler HTTP/1.1\r\nHost: {peer.Uri.Authority}\r\nContent-Type: application/x-protobuf\r\nMesos-Stream-Id: stream-7\r\nContent-Length: ", r.Head, StringComparison.Ordinal));
        Assert.False(peer.AnotherConnectionWaiting, "a second connection was opened");
        Assert.False(calls.IsBroken);
    }

    [Theory]
    [InlineData("HTTP/1.1 307 Temporary Redirect\r\nLocation: //m2:5050/master/api/v1/scheduler\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 17\r\n\r\nNo leader elected")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    public async Task Past_the_first_answer_that_is_not_a_plain_202_every_call_is_handed_back(string secondAnswer)
    {
        await using var peer = await RawPeer.StartAsync("/master/api/v1/scheduler");
        using var calls = Calls(peer.Uri);

        var sent = Enumerable.Range(0, 3).Select(i => calls.SendAsync("call"u8)).ToList();
        await peer.ReadRequestsAsync(3);
        await peer.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n" + secondAnswer);

        Assert.Equal(new[] { true, false, false }, await Task.WhenAll(sent).WaitAsync(Deadline));
        Assert.True(calls.IsBroken);
        Assert.False(await calls.SendAsync("later"u8).WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_peer_that_closes_after_an_answer_hands_back_the_calls_it_did_not_answer()
    {
        await using var peer = await RawPeer.StartAsync("/master/api/v1/scheduler");
        using var calls = Calls(peer.Uri);

        var sent = Enumerable.Range(0, 3).Select(i => calls.SendAsync("call"u8)).ToList();
        await peer.ReadRequestsAsync(3);
        await peer.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.Equal(new[] { true, false, false }, await Task.WhenAll(sent).WaitAsync(Deadline));
    }

    [Fact]
    public async Task Calls_left_unanswered_for_the_call_timeout_are_handed_back()
    {
        await using var peer = await RawPeer.StartAsync("/master/api/v1/scheduler");
        var time = new FakeTimeProvider();
        using var calls = Calls(peer.Uri, time);

        var sent = calls.SendAsync("call"u8);
        await peer.ReadRequestsAsync(1);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(sent.IsCompleted, "still within the call timeout");
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await sent.WaitAsync(Deadline));
        Assert.True(calls.IsBroken);
    }

    [Fact]
    public async Task A_master_that_cannot_be_reached_hands_every_call_back()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var calls = Calls(new Uri($"http://127.0.0.1:{port}/master/api/v1/scheduler"));

        Assert.False(await calls.SendAsync("call"u8).WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_connection_disposed_as_it_opens_hands_its_calls_back_and_takes_no_more()
    {
        await using var peer = await RawPeer.StartAsync("/master/api/v1/scheduler");
        var calls = Calls(peer.Uri);
        var sent = calls.SendAsync("call"u8);

        calls.Dispose();

        Assert.False(await sent.WaitAsync(Deadline));
        Assert.True(calls.IsBroken);
        Assert.False(await calls.SendAsync("later"u8).WaitAsync(Deadline));
    }

    private static PipelinedCalls Calls(Uri endpoint, TimeProvider? time = null)
        => new(endpoint, Headers, tls: null, TimeSpan.FromSeconds(5), time ?? TimeProvider.System, NullLogger.Instance);
}
