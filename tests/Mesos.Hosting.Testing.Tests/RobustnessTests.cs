using System.Diagnostics;
using System.Net;
using Mesos.Hosting.Wire;
using Mesos.V1.Scheduler;

namespace Mesos.Hosting.Testing.Tests;

/// <summary>Garbage never crashes an endpoint, and nothing the cluster launched outlives it.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public async Task Random_bodies_get_mesos_errors_from_master_and_agent_never_a_crash()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        using var http = new HttpClient();
        var random = new Random(7);
        var endpoints = new[] { new Uri(cluster.MasterUri, "api/v1/scheduler"), new Uri(cluster.AgentUris[0], "api/v1/executor") };

        foreach (var endpoint in endpoints)
        {
            foreach (var contentType in new[] { MesosContentTypes.Json, MesosContentTypes.Protobuf })
            {
                for (var i = 0; i < 50; i++)
                {
                    var body = new byte[random.Next(0, 200)];
                    random.NextBytes(body);
                    using var response = await http.SendAsync(RawScheduler.Request(endpoint, body, contentType));
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{endpoint} answered {(int)response.StatusCode} to garbage: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        await using var scheduler = new RawScheduler(cluster.MasterUri);
        await scheduler.SubscribeAsync(RawScheduler.Framework());
    }

    [Fact]
    public async Task Well_formed_calls_with_nonsense_in_them_are_refused_or_ignored_never_a_crash()
    {
        await using var cluster = await LocalMesosCluster.StartAsync();
        await using var scheduler = new RawScheduler(cluster.MasterUri);
        var stream = await scheduler.SubscribeAsync(RawScheduler.Framework());
        var offer = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var nonsense = RawScheduler.ShellTask(offer, "odd", "true");
        nonsense.Resources.Add(new Mesos.V1.Resource { Name = "ports", Type = Mesos.V1.Value.Types.Type.Ranges, Ranges = new Mesos.V1.Value.Types.Ranges { Range = { new Mesos.V1.Value.Types.Range { Begin = 9, End = 1 } } } });
        var accept = new Call.Types.Accept { OfferIds = { offer.Id }, Operations = { new Mesos.V1.Offer.Types.Operation { Type = Mesos.V1.Offer.Types.Operation.Types.Type.Launch } } };
        accept.Operations.Add(new Mesos.V1.Offer.Types.Operation { Type = Mesos.V1.Offer.Types.Operation.Types.Type.Reserve, Id = Mesos.Hosting.Wire.MesosId.Of<Mesos.V1.OperationID>("r") });

        await scheduler.AcceptedAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept });
        await scheduler.LaunchAsync(offer, [nonsense]);

        var status = (await stream.NextAsync(Event.Types.Type.UpdateOperationStatus)).UpdateOperationStatus.Status;
        Assert.Equal(Mesos.V1.OperationState.OperationError, status.State);
        Assert.Equal(Mesos.V1.TaskState.TaskLost, (await stream.NextAsync(Event.Types.Type.Update)).Update.Status.State);
    }

    [Fact]
    public async Task Disposing_the_cluster_kills_every_process_it_started()
    {
        var cluster = await LocalMesosCluster.StartAsync(new LocalMesosClusterOptions { Agents = 2 });
        var pids = new List<int>();
        await using (var scheduler = new RawScheduler(cluster.MasterUri))
        {
            var stream = await scheduler.SubscribeAsync(RawScheduler.Framework(failoverTimeout: 3600));
            var offers = (await stream.NextAsync(Event.Types.Type.Offers)).Offers.Offers_;
            foreach (var offer in offers)
            {
                await scheduler.LaunchAsync(offer, [RawScheduler.ShellTask(offer, $"stubborn-{offer.AgentId.Value}", "trap '' TERM; echo $$ > pid; (sleep 600 & echo $! > child; wait) ; sleep 600")]);
            }

            await cluster.Journal.WaitForAsync(j => j.TaskIds.Count(id => j.TaskStates(id).Contains(Mesos.V1.TaskState.TaskStarting)) == offers.Count, TimeSpan.FromSeconds(10));
            await OsConditions.WaitAsync(() => Task.FromResult(Directory.EnumerateFiles(cluster.WorkDirectory, "child", SearchOption.AllDirectories).Count(f => new FileInfo(f).Length > 0) == offers.Count), "every task's child to write its pid");
            pids.AddRange(Directory.EnumerateFiles(cluster.WorkDirectory, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is "pid" or "child")
                .Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(4, pids.Count);
        Assert.All(pids, pid => Assert.True(Alive(pid)));

        await cluster.DisposeAsync();

        await OsConditions.WaitAsync(() => Task.FromResult(pids.All(pid => !Alive(pid))), "every child process gone");
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
