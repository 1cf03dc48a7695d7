using System.Net.Http.Headers;
using Mesos.Hosting.Executor;
using Mesos.Hosting.GenericHost;
using Mesos.Hosting.Operator;
using Mesos.Hosting.Scheduler;
using Mesos.Hosting.Wire;

namespace Mesos.Hosting.Tests.Wire;

/// <summary>
/// A program whose project switches JSON off (<see cref="MesosCodec.JsonSwitchName"/>, as an executor published NativeAOT
/// may): every way of asking for JSON says so by the switch's name, at start, instead of failing at the first call.
/// A trimmed publish takes the switch as a constant; these tests flip it at run time, which the property reads each time.
/// </summary>
[Collection(nameof(JsonSwitchedOff))]
public sealed class JsonSwitchTests
{
    [Fact]
    public void JSON_is_spoken_unless_the_program_switches_it_off()
    {
        Assert.True(MesosCodec.IsJsonSupported);
        Assert.Same(MesosCodec.Json, MesosCodec.FromContentType(MesosContentTypes.Json));
        using var answer = Answer(MesosContentTypes.Json);
        Assert.Same(MesosCodec.Json, AnswerEncoding.Of(answer, "master m1:5050", "GET_STATE"));
    }

    [Fact]
    public void The_codec_is_refused_by_the_switch_s_name_and_protobuf_still_served()
        => WithJsonSwitchedOff(() =>
        {
            Assert.False(MesosCodec.IsJsonSupported);
            var refused = Assert.Throws<NotSupportedException>(() => MesosCodec.Json);
            Assert.Contains(MesosCodec.JsonSwitchName, refused.Message, StringComparison.Ordinal);
            Assert.Null(MesosCodec.FromContentType(MesosContentTypes.Json));
            Assert.Same(MesosCodec.Protobuf, MesosCodec.FromContentType(MesosContentTypes.Protobuf));
        });

    [Fact]
    public void An_executor_configured_for_JSON_is_refused_at_start_naming_the_switch()
        => WithJsonSwitchedOff(() =>
        {
            var failures = new MesosExecutorEnvironmentValidator().Validate(null, new MesosExecutorOptions { ContentType = MesosContentTypes.Json }).Failures!;

            Assert.Contains(
                $"Mesos:Executor:ContentType: 'application/json' is switched off in this program (its project sets {MesosCodec.JsonSwitchName} to false); speak application/x-protobuf, or take the switch out.",
                failures);
        });

    [Fact]
    public void A_scheduler_asking_for_JSON_or_a_zk_master_is_refused_at_start_naming_the_switch()
        => WithJsonSwitchedOff(() =>
        {
            var options = new MesosSchedulerOptions { Master = "zk://127.0.0.1:2181/mesos", ContentType = MesosContentTypes.Json, Framework = { Name = "fw" } };

            var failures = new MesosSchedulerOptionsValidator().Validate(null, options).Failures!;

            Assert.Equal(
            [
                $"Mesos:Scheduler:Master: masters publish their addresses in ZooKeeper as JSON, which this program switched off (its project sets {MesosCodec.JsonSwitchName} to false); name the masters by http(s) URL, or take the switch out.",
                $"Mesos:Scheduler:ContentType: 'application/json' is switched off in this program (its project sets {MesosCodec.JsonSwitchName} to false); speak application/x-protobuf, or take the switch out.",
            ], failures);
        });

    [Fact]
    public void A_scheduler_speaking_protobuf_to_http_masters_needs_no_JSON()
        => WithJsonSwitchedOff(() =>
            Assert.True(new MesosSchedulerOptionsValidator().Validate(null, new MesosSchedulerOptions { Master = "http://m1:5050", Framework = { Name = "fw" } }).Succeeded));

    [Fact]
    public void An_operator_answer_in_JSON_is_refused_naming_the_switch()
        => WithJsonSwitchedOff(() =>
        {
            using var answer = Answer(MesosContentTypes.Json);

            var refused = Assert.Throws<MesosProtocolException>(() => AnswerEncoding.Of(answer, "master m1:5050", "GET_STATE"));

            Assert.Contains(
                $"master m1:5050 answered GET_STATE with content of type 'application/json', not application/x-protobuf, the one encoding this program speaks (its project sets {MesosCodec.JsonSwitchName} to false).",
                refused.Message,
                StringComparison.Ordinal);
        });

    [Fact]
    public void An_operator_answer_names_its_encoding_in_any_case_and_JSON_only_while_the_switch_is_on()
    {
        using var protobuf = Answer("Application/X-Protobuf");
        using var json = Answer("APPLICATION/JSON");

        Assert.Same(MesosCodec.Protobuf, AnswerEncoding.Of(protobuf, "master m1:5050", "GET_STATE"));
        Assert.Same(MesosCodec.Json, AnswerEncoding.Of(json, "master m1:5050", "GET_STATE"));
        WithJsonSwitchedOff(() => Assert.Throws<MesosProtocolException>(() => AnswerEncoding.Of(json, "master m1:5050", "GET_STATE")));
    }

    private static HttpResponseMessage Answer(string contentType)
        => new() { Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } } };

    private static void WithJsonSwitchedOff(Action test)
    {
        AppContext.SetSwitch(MesosCodec.JsonSwitchName, false);
        try
        {
            test();
        }
        finally
        {
            AppContext.SetSwitch(MesosCodec.JsonSwitchName, true);
        }
    }
}

/// <summary>
/// Tests that switch JSON off for the whole process: they run alone, after the rest, so that no other test finds JSON
/// refused under it.
/// </summary>
[CollectionDefinition(nameof(JsonSwitchedOff), DisableParallelization = true)]
public sealed class JsonSwitchedOff;
