using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mesos.Hosting.Wire;
using ExecutorEvent = Mesos.V1.Executor.Event;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>HTTP Basic for schedulers and bearer tokens for executors (§5; §7, item 39).</summary>
public sealed class AuthenticationTests
{
    [Fact]
    public async Task Schedulers_must_authenticate_when_credentials_are_configured()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions
        {
            Agents = 0,
            Credentials = new Dictionary<string, string> { ["pi"] = "secret" },
        });
        using var http = new HttpClient();
        var endpoint = new Uri(cluster.MasterUri, "api/v1/scheduler");
        var subscribe = MesosCodec.Json.Encode(SchedulerApiTests.Subscribe(RawScheduler.Framework()));

        using (var anonymous = await http.SendAsync(RawScheduler.Request(endpoint, subscribe, MesosContentTypes.Json)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic realm=\"mesos-master-scheduler\"", anonymous.Headers.WwwAuthenticate.ToString());
        }

        using (var wrong = await http.SendAsync(WithBasic(RawScheduler.Request(endpoint, subscribe, MesosContentTypes.Json), "pi", "guess")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var other = RawScheduler.Framework();
        other.Principal = "someone-else";
        using (var mismatch = await http.SendAsync(WithBasic(RawScheduler.Request(endpoint, MesosCodec.Json.Encode(SchedulerApiTests.Subscribe(other)), MesosContentTypes.Json), "pi", "secret")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
            Assert.Contains("Authenticated principal 'pi' does not match principal 'someone-else'", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var ok = await http.SendAsync(WithBasic(RawScheduler.Request(endpoint, subscribe, MesosContentTypes.Json), "pi", "secret"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Executors_must_present_their_own_token_when_executor_authentication_is_on()
    {
        await using var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { AuthenticateExecutors = true });
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var env = await ExecutorApiTests.LaunchWithExecutorAsync(cluster, scheduler, "secure");
        var anonymousEnv = env.Where(e => e.Key != "MESOS_EXECUTOR_AUTHENTICATION_TOKEN").ToDictionary();

        Assert.Equal(3, env["MESOS_EXECUTOR_AUTHENTICATION_TOKEN"].Split('.').Length);
        await using (var anonymous = new RawExecutor(anonymousEnv))
        {
            using var refused = await anonymous.SubscribeAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer realm=\"mesos-agent-executor\"", refused.Headers.WwwAuthenticate.ToString());
        }

        var forged = new Dictionary<string, string>(env) { ["MESOS_EXECUTOR_AUTHENTICATION_TOKEN"] = env["MESOS_EXECUTOR_AUTHENTICATION_TOKEN"] + "x" };
        await using (var invalid = new RawExecutor(forged))
        {
            using var refused = await invalid.SubscribeAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var impostor = new Dictionary<string, string>(env) { ["MESOS_EXECUTOR_ID"] = "someone-else" };
        await using (var wrongClaims = new RawExecutor(impostor))
        {
            using var refused = await wrongClaims.SendAsync(wrongClaims.Call(Mesos.V1.Executor.Call.Types.Type.Subscribe));
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden);
        }

        await using var executor = new RawExecutor(env);
        using var accepted = await executor.SubscribeAsync();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(ExecutorEvent.Types.Type.Subscribed, (await executor.NextAsync()).Type);
    }

    private static HttpRequestMessage WithBasic(HttpRequestMessage request, string principal, string secret)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{principal}:{secret}")));
        return request;
    }
}
