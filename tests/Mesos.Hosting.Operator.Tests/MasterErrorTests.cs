using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Master;
using Microsoft.AspNetCore.Http;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>Redirects to the leader, credentials, and what each refusal of the master becomes.</summary>
public sealed class MasterErrorTests
{
    private static readonly string Basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:s3cret"));

    [Theory]
    [InlineData(MesosContentTypes.Protobuf)]
    [InlineData(MesosContentTypes.Json)]
    public async Task A_307_leads_to_the_leader_which_later_calls_go_to_directly(string contentType)
    {
        await using var leader = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var follower = await FakeOperatorEndpoint<Call>.StartAsync(e => e.RedirectAsync(leader.Uri));
        await using var client = OperatorUnderTest.Create(follower.Uri, contentType, Credentials);

        var state = await client.Operator.GetStateAsync();
        await client.Operator.TeardownAsync(MesosId.Of<FrameworkID>("3f2c-0000"));

        Assert.Equal(SampleState.GetState(), state);
        Assert.Single(follower.Calls.Snapshot());
        Assert.Equal([Call.Types.Type.GetState, Call.Types.Type.Teardown], leader.Calls.Snapshot().Select(c => c.Call.Type));
        Assert.Equal(Basic, follower.Calls.Snapshot()[0].Authorization);
        Assert.All(leader.Calls.Snapshot(), c => Assert.Null(c.Authorization));
    }

    [Fact]
    public async Task Credentials_withheld_from_a_redirect_target_are_named_in_its_401()
    {
        await using var leader = await FakeOperatorEndpoint<Call>.StartAsync(e => e.ErrorAsync(StatusCodes.Status401Unauthorized, ""));
        await using var follower = await FakeOperatorEndpoint<Call>.StartAsync(e => e.RedirectAsync(leader.Uri));
        await using var client = OperatorUnderTest.Create(follower.Uri, MesosContentTypes.Protobuf, Credentials);

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => client.Operator.GetHealthAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains($"credentials were withheld from {leader.Uri}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_go_to_a_redirect_target_when_the_options_say_so()
    {
        await using var leader = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var follower = await FakeOperatorEndpoint<Call>.StartAsync(e => e.RedirectAsync(leader.Uri));
        await using var client = OperatorUnderTest.Create(follower.Uri, MesosContentTypes.Protobuf, o =>
        {
            Credentials(o);
            o.SendCredentialsToRedirectTargets = true;
        });

        await client.Operator.GetHealthAsync();

        Assert.Equal(Basic, leader.Calls.Snapshot().Single().Authorization);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, "Failed to validate master::Call: Expecting 'teardown' to be present")]
    [InlineData(StatusCodes.Status401Unauthorized, "")]
    [InlineData(StatusCodes.Status403Forbidden, "")]
    public async Task A_refusal_is_a_call_exception_with_mesos_status_and_text(int status, string text)
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.ErrorAsync(status, text));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf);

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => client.Operator.TeardownAsync(MesosId.Of<FrameworkID>("f")));

        Assert.Equal((HttpStatusCode)status, refused.StatusCode);
        Assert.Equal("TEARDOWN", refused.CallType);
        Assert.Equal(text, refused.MesosMessage);
        Assert.Single(master.Calls.Snapshot());
    }

    [Fact]
    public async Task A_404_with_mesos_text_refuses_the_call_but_a_bare_404_means_not_now()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.Call.Type == Call.Types.Type.MarkAgentGone
            ? e.ErrorAsync(StatusCodes.Status404NotFound, "Agent 'a-9' not found")
            : e.ErrorAsync(StatusCodes.Status404NotFound, ""));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o => o.CallRetries = 1);

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => client.Operator.MarkAgentGoneAsync(MesosId.Of<AgentID>("a-9")));
        var notNow = await Assert.ThrowsAsync<MesosUnavailableException>(() => client.Operator.GetHealthAsync());

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("Agent 'a-9' not found", refused.MesosMessage);
        Assert.StartsWith($"The Mesos master at {master.Uri} answered GET_HEALTH with 404", notNow.Message, StringComparison.Ordinal);
        Assert.Equal(3, master.Calls.Count);
    }

    [Fact]
    public async Task A_reading_call_answered_503_is_sent_again_then_reported_unavailable()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.ErrorAsync(StatusCodes.Status503ServiceUnavailable, "Master has not finished recovery"));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o => o.CallRetries = 2);

        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => client.Operator.GetAgentsAsync());

        Assert.Equal($"The Mesos master at {master.Uri} answered GET_AGENTS with 503: Master has not finished recovery", unavailable.Message);
        Assert.Equal(3, master.Calls.Count);
        await client.Logs.WaitForAsync("GET_AGENTS attempt 2 failed", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_change_answered_503_is_not_sent_again_since_the_master_may_have_acted()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(e => e.ErrorAsync(StatusCodes.Status503ServiceUnavailable, "No leader elected"));
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o => o.CallRetries = 2);

        var unavailable = await Assert.ThrowsAsync<MesosUnavailableException>(() => client.Operator.MarkAgentGoneAsync(MesosId.Of<AgentID>("a")));

        Assert.True(unavailable.Answered);
        Assert.Equal(1, master.Calls.Count);
    }

    [Fact]
    public async Task A_master_that_cannot_be_reached_gives_way_to_the_next_for_reads_and_changes()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o =>
        {
            o.Master = ClosedPortUrl();
            o.Masters = [master.Uri.ToString()];
        });

        Assert.True((await client.Operator.GetHealthAsync()).Healthy);
        await client.Operator.TeardownAsync(MesosId.Of<FrameworkID>("f"));

        Assert.Equal([Call.Types.Type.GetHealth, Call.Types.Type.Teardown], master.Calls.Snapshot().Select(c => c.Call.Type));
    }

    [Fact]
    public async Task A_change_whose_master_cannot_be_reached_is_sent_again_to_the_next()
    {
        await using var master = await FakeOperatorEndpoint<Call>.StartAsync(CannedMaster.AnswerAsync);
        await using var client = OperatorUnderTest.Create(master.Uri, MesosContentTypes.Protobuf, o =>
        {
            o.Master = ClosedPortUrl();
            o.Masters = [master.Uri.ToString()];
        });

        await client.Operator.DeactivateAgentAsync(MesosId.Of<AgentID>("a"));

        Assert.Equal(Call.Types.Type.DeactivateAgent, master.Calls.Snapshot().Single().Call.Type);
        await client.Logs.WaitForAsync("DEACTIVATE_AGENT attempt 1 failed", TimeSpan.FromSeconds(5));
    }

    private static void Credentials(MesosOperatorOptions options)
    {
        options.Principal = "ops";
        options.Secret = "s3cret";
    }

    // A port nothing listens on: taken from the OS, then given back.
    private static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}
