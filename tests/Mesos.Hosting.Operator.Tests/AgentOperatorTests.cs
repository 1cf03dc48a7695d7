using System.Net;
using Mesos.Hosting.Wire;
using Mesos.V1;
using Mesos.V1.Agent;
using Microsoft.AspNetCore.Http;
using MasterCall = Mesos.V1.Master.Call;

namespace Mesos.Hosting.Operator.Tests;

/// <summary>The agent client, made from the master client, against an agent answering the operator API.</summary>
public sealed class AgentOperatorTests
{
    public static TheoryData<string> Encodings => [MesosContentTypes.Protobuf, MesosContentTypes.Json];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task The_agent_answers_health_version_flags_and_state(string contentType)
    {
        await using var agent = await FakeOperatorEndpoint<Call>.StartAsync(e => e.AnswerAsync(AnswerTo(e.Call.Type)));
        await using var master = await FakeOperatorEndpoint<MasterCall>.StartAsync(CannedMaster.AnswerAsync);
        await using var client = OperatorUnderTest.Create(master.Uri, contentType, o =>
        {
            o.Principal = "ops";
            o.Secret = "s3cret";
        });
        var op = client.Operator.Agent(agent.Uri);

        Assert.Equal(agent.Uri, op.Agent);
        Assert.True((await op.GetHealthAsync()).Healthy);
        Assert.Equal("1.11.0", (await op.GetVersionAsync()).VersionInfo.Version);
        Assert.Equal("5051", (await op.GetFlagsAsync()).Flags.Single(f => f.Name == "port").Value);
        Assert.Equal(AnswerTo(Call.Types.Type.GetState).GetState, await op.GetStateAsync());

        Assert.Equal(4, agent.Calls.Count);
        Assert.All(agent.Calls.Snapshot(), c => Assert.Equal((contentType, contentType), (c.ContentType, c.Accept)));
        Assert.All(agent.Calls.Snapshot(), c => Assert.StartsWith("Basic ", c.Authorization, StringComparison.Ordinal));
        Assert.Equal(0, master.Calls.Count);
    }

    [Fact]
    public async Task An_agent_refusal_is_a_call_exception_and_streaming_calls_are_not_sent()
    {
        await using var agent = await FakeOperatorEndpoint<Call>.StartAsync(e => e.ErrorAsync(StatusCodes.Status400BadRequest, "Failed to validate agent::Call: Expecting 'kill_container' to be present"));
        await using var client = OperatorUnderTest.Create(agent.Uri, MesosContentTypes.Protobuf);
        var op = client.Operator.Agent(agent.Uri);

        var refused = await Assert.ThrowsAsync<MesosCallException>(() => op.CallAsync(new Call { Type = Call.Types.Type.KillContainer }));
        await Assert.ThrowsAsync<ArgumentException>(() => op.CallAsync(new Call { Type = Call.Types.Type.AttachContainerOutput }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("KILL_CONTAINER", refused.CallType);
        Assert.Equal(1, agent.Calls.Count);
        Assert.Throws<ArgumentException>(() => client.Operator.Agent(new Uri("ftp://agent:5051")));
    }

    private static Response AnswerTo(Call.Types.Type type) => type switch
    {
        Call.Types.Type.GetHealth => new() { Type = Response.Types.Type.GetHealth, GetHealth = new() { Healthy = true } },
        Call.Types.Type.GetVersion => new() { Type = Response.Types.Type.GetVersion, GetVersion = new() { VersionInfo = new VersionInfo { Version = "1.11.0" } } },
        Call.Types.Type.GetFlags => new() { Type = Response.Types.Type.GetFlags, GetFlags = new() { Flags = { new Flag { Name = "port", Value = "5051" } } } },
        _ => new()
        {
            Type = Response.Types.Type.GetState,
            GetState = new()
            {
                GetTasks = new() { LaunchedTasks = { SampleState.GetState().GetTasks.Tasks } },
                GetFrameworks = new() { Frameworks = { new Response.Types.GetFrameworks.Types.Framework { FrameworkInfo = new FrameworkInfo { User = "root", Name = "pi" } } } },
                GetExecutors = new(),
            },
        },
    };
}
