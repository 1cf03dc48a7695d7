using Google.Protobuf;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Placement;

/// <summary>What the matcher promises besides constraints: resources, roles, fitness, ports, executors, and no offer kept.</summary>
public sealed class MatcherTests
{
    [Fact]
    public void A_request_for_a_reserved_role_gets_the_reserved_resources_first()
    {
        var offers = new[] { Offers.Offer(0, "cpus(web):2;cpus:6;mem(web):512;mem:4096", "web") };

        var result = OfferMatcher.Match(offers, Offers.Requests(1, cpus: 3, mem: 256).Select(r => r with { Role = "web" }).ToList());

        var task = Assert.Single(result.Placed).Task;
        var resources = ResourceSet.From(task.Resources);
        Assert.Equal(2, resources.Reserved("web").Cpus);
        Assert.Equal(1, resources.Unreserved().Cpus);
        Assert.Equal(256, resources.Reserved("web").Mem);
        Assert.All(task.Resources, r => Assert.Equal("web", r.AllocationInfo.Role));
        Assert.True(ResourceSet.From(offers[0].Resources).Contains(resources));
    }

    [Fact]
    public void Reserved_only_requests_wait_for_reserved_resources()
    {
        var offers = new[] { Offers.Offer(0, "cpus(web):2;cpus:6;mem:4096", "web") };
        var requests = Offers.Requests(2, cpus: 1.5, mem: 0).Select(r => r with { Role = "web", ReservedOnly = true }).ToList();

        var result = OfferMatcher.Match(offers, requests);

        Assert.Single(result.Placed);
        Assert.Equal("insufficient reserved cpus: needs 1.5, the most left in an offer that passes the constraints is 0.5", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void The_reason_names_the_resource_no_offer_has_enough_of_rather_than_the_most_common_shortage()
    {
        var offers = new[] { Offers.Offer(0, "cpus:4;mem:4096", "web"), Offers.Offer(1, "cpus:4;mem:4096", "web"), Offers.Offer(2, "cpus(web):2;mem:4096", "web") };
        var request = Offers.Requests(1, cpus: 1, mem: 64).Select(r => r with { Role = "web", ReservedOnly = true }).ToList();

        var result = OfferMatcher.Match(offers, request);

        Assert.Equal("insufficient reserved mem: needs 64, the most left in an offer that passes the constraints is 0", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void When_every_kind_is_somewhere_but_never_all_in_one_offer_the_reason_says_so()
    {
        var offers = new[] { Offers.Offer(0, "cpus:4;mem:32", "web"), Offers.Offer(1, "cpus:0.5;mem:4096", "web") };

        var result = OfferMatcher.Match(offers, Offers.Requests(1, cpus: 1, mem: 64));

        Assert.StartsWith("no offer that passes the constraints has enough resources of every kind at once", Assert.Single(result.Pending).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_no_offer_has_leaves_the_request_pending_with_that_reason()
    {
        var offers = Offers.Agents(2, role: "web");

        var result = OfferMatcher.Match(offers, Offers.Requests(1).Select(r => r with { Role = "batch" }).ToList());

        Assert.Equal("no offer is allocated to role 'batch'", Assert.Single(result.Pending).Reason);
        Assert.Equal(2, result.Declines.Count);
    }

    [Fact]
    public void A_reason_learnt_for_one_role_is_not_reused_for_a_request_of_another()
    {
        var offers = Offers.Agents(1, role: "web");
        var requests = new List<TaskRequest> { Offers.Requests(1)[0] with { Id = "batch", Role = "batch" }, Offers.Requests(1)[0] with { Id = "any" } };

        var result = OfferMatcher.Match(offers, requests);

        Assert.Equal("batch", Assert.Single(result.Pending).Request.Id);
        Assert.Equal("any", Assert.Single(result.Placed).Request.Id);
    }

    [Fact]
    public void Offers_without_a_role_take_a_request_for_any_role()
    {
        var result = OfferMatcher.Match(Offers.Agents(1), Offers.Requests(1).Select(r => r with { Role = "web" }).ToList());

        Assert.Single(result.Placed);
    }

    [Fact]
    public void Roles_nothing_waits_for_can_be_suppressed()
    {
        var offers = Offers.Agents(1, role: "web", resources: "cpus:1;mem:1024");
        var requests = Offers.Requests(2, cpus: 1).Select(r => r with { Role = "web" }).ToList();

        Assert.Equal(["batch"], OfferMatcher.Match(offers, requests).RolesToSuppress(["web", "batch"]));
        Assert.Equal(["web", "batch"], OfferMatcher.Match(offers, requests.Take(1).ToList()).RolesToSuppress(["web", "batch"]));
        Assert.Empty(OfferMatcher.Match(offers, Offers.Requests(2, cpus: 1)).RolesToSuppress(["web", "batch"]));
    }

    [Fact]
    public void Bin_pack_fills_one_agent_and_spread_balances_them()
    {
        var offers = Offers.Agents(3);

        var packed = OfferMatcher.Match(offers, Offers.Requests(6, cpus: 1));
        var spread = OfferMatcher.Match(offers, Offers.Requests(6, cpus: 1, fitness: Fitness.Spread));

        Assert.Equal([6], packed.Launches.Select(l => l.Tasks.Count));
        Assert.Equal(2, packed.Declines.Count);
        Assert.Equal([2, 2, 2], spread.Launches.Select(l => l.Tasks.Count));
        Assert.Empty(spread.Declines);
    }

    [Fact]
    public void Bin_pack_prefers_the_offer_that_is_left_smallest()
    {
        var offers = new[] { Offers.Offer(0, "cpus:8;mem:8192"), Offers.Offer(1, "cpus:2;mem:2048"), Offers.Offer(2, "cpus:4;mem:4096") };

        var result = OfferMatcher.Match(offers, Offers.Requests(1, cpus: 2, mem: 1024));
        var spread = OfferMatcher.Match(offers, Offers.Requests(1, cpus: 2, mem: 1024, fitness: Fitness.Spread));

        Assert.Equal("agent-1", Assert.Single(result.Placed).Task.AgentId.Value);
        Assert.Equal("agent-0", Assert.Single(spread.Placed).Task.AgentId.Value);
    }

    [Fact]
    public void Every_offer_is_accepted_or_declined_exactly_once()
    {
        var offers = Offers.Agents(6).Concat(Offers.Agents(2)).ToList();

        var result = OfferMatcher.Match(offers, Offers.Requests(9, cpus: 3, constraints: PlacementConstraint.MaxPer("rack", 3)));

        var accepted = result.Launches.SelectMany(l => l.OfferIds).Select(o => o.Value).ToList();
        var declined = result.DeclinedOfferIds.Select(o => o.Value).ToList();
        Assert.Equal(offers.Select(o => o.Id.Value).Order(), accepted.Concat(declined).Order());
        Assert.All(result.Launches, l => Assert.Single(l.Tasks.Select(t => t.Task.AgentId.Value).Append(l.AgentId.Value).Distinct()));
        Assert.Contains(result.Launches, l => l.OfferIds.Count == 2);
    }

    [Fact]
    public void The_same_input_gives_the_same_output()
    {
        var offers = Offers.Agents(20, racks: 4);
        var requests = Offers.Requests(60, cpus: 0.7, ports: 2, fitness: Fitness.Spread, constraints: [PlacementConstraint.GroupBy("rack"), PlacementConstraint.MaxPer(PlacementConstraint.Hostname, 4)])
            .Concat(Offers.Requests(30, group: "db", cpus: 2.5, constraints: PlacementConstraint.Unique())).ToList();

        Assert.Equal(Describe(OfferMatcher.Match(offers, requests)), Describe(OfferMatcher.Match(offers, requests)));
    }

    [Fact]
    public void Ports_are_the_lowest_free_ones_of_the_agent_and_never_given_twice()
    {
        var offers = new[] { Offers.Offer(0, "cpus:8;mem:8192;ports:[31000-31001,31005-31010]") };

        var result = OfferMatcher.Match(offers, Offers.Requests(3, ports: 3));

        var placed = result.Placed;
        Assert.Equal([31000UL, 31001UL, 31005UL], placed[0].Ports);
        Assert.Equal([31006UL, 31007UL, 31008UL], placed[1].Ports);
        Assert.Equal("insufficient ports: needs 3, the most left in an offer that passes the constraints is 2", Assert.Single(result.Pending).Reason);
        Assert.Equal("[31000-31001,31005-31005]", ResourceText.FormatRanges(ResourceSet.From(placed[0].Task.Resources).Ports));
    }

    [Fact]
    public void The_task_is_a_copy_of_its_template_with_id_name_agent_and_resources()
    {
        var offers = Offers.Agents(1);
        var template = new TaskInfo { Name = "web server", Command = new CommandInfo { Value = "serve" }, Labels = new Labels { Labels_ = { new Label { Key = "tier", Value = "front" } } } };
        template.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 99));

        var result = OfferMatcher.Match(offers, [new TaskRequest { Id = "web-1", Cpus = 0.5, Mem = 64, Task = template }]);

        var task = Assert.Single(result.Placed).Task;
        Assert.Equal(("web-1", "web server", "agent-0", "serve"), (task.TaskId.Value, task.Name, task.AgentId.Value, task.Command.Value));
        Assert.Equal("front", task.Labels.Labels_[0].Value);
        Assert.Equal("cpus:0.5; mem:64", ResourceSet.From(task.Resources).ToString());
        Assert.Equal(99, template.Resources[0].Scalar.Value);
        Assert.Equal(Offer.Types.Operation.Types.Type.Launch, result.Launches[0].ToOperation().Type);
    }

    [Fact]
    public void An_executors_overhead_is_taken_once_per_agent()
    {
        var offers = new[] { Offers.Offer(0, "cpus:2;mem:1024"), Offers.Offer(1, "cpus:2;mem:1024") };
        offers[1].ExecutorIds.Add(new ExecutorID { Value = "pi-executor" });
        var executor = new ExecutorInfo { ExecutorId = new ExecutorID { Value = "pi-executor" }, Command = new CommandInfo { Value = "./executor" } };
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.5));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 32));
        var requests = Enumerable.Range(0, 8).Select(i => new TaskRequest { Id = $"pi-{i}", Cpus = 0.5, Mem = 32, Executor = executor, Fitness = Fitness.Spread }).ToList();

        var result = OfferMatcher.Match(offers, requests);

        // 2 cpus hold four tasks where the executor runs, and three beside a new one (0.5 + 3 x 0.5).
        Assert.Equal(7, result.Placed.Count);
        Assert.Equal(3, result.Placed.Count(t => t.Task.AgentId.Value == "agent-0"));
        Assert.Equal(4, result.Placed.Count(t => t.Task.AgentId.Value == "agent-1"));
        Assert.All(result.Placed, t => Assert.Equal("pi-executor", t.Task.Executor.ExecutorId.Value));
        Assert.All(result.Placed, t => Assert.Equal(0.5, ResourceSet.From(t.Task.Executor.Resources).Cpus));
    }

    [Fact]
    public void Tasks_on_one_agent_name_their_executor_exactly_as_the_task_that_starts_it()
    {
        // Mesos refuses a task whose ExecutorInfo differs from the one its executor was started with.
        var offers = new[] { Offers.Offer(0, "cpus:4;mem:1024", "web") };
        var executor = new ExecutorInfo { ExecutorId = new ExecutorID { Value = "pi-executor" }, Command = new CommandInfo { Value = "./executor" } };
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 32));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.5));
        var requests = Enumerable.Range(0, 3).Select(i => new TaskRequest { Id = $"pi-{i}", Cpus = 0.5, Mem = 32, Executor = executor }).ToList();

        var result = OfferMatcher.Match(offers, requests);

        Assert.Equal(3, result.Placed.Count);
        var started = result.Placed[0].Task.Executor;
        Assert.Equal("cpus(allocated: web):0.5; mem(allocated: web):32", ResourceSet.From(started.Resources).ToString());
        Assert.All(result.Placed, t => Assert.Equal(started, t.Task.Executor));
    }

    [Fact]
    public void An_executor_already_running_is_named_as_given_allocated_to_the_offers_role()
    {
        var offers = new[] { Offers.Offer(0, "cpus:4;mem:1024", "web") };
        offers[0].ExecutorIds.Add(new ExecutorID { Value = "pi-executor" });
        var executor = new ExecutorInfo { ExecutorId = new ExecutorID { Value = "pi-executor" }, Command = new CommandInfo { Value = "./executor" } };
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.5));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 32, allocatedTo: "web"));

        var result = OfferMatcher.Match(offers, [new TaskRequest { Id = "pi-0", Cpus = 0.5, Mem = 32, Executor = executor }]);

        // As a task of the same match would have it when the executor started then, from unreserved resources.
        var named = Assert.Single(result.Placed).Task.Executor;
        Assert.Equal("cpus(allocated: web):0.5; mem(allocated: web):32", ResourceSet.From(named.Resources).ToString());
        Assert.Null(executor.Resources[0].AllocationInfo);
    }

    [Fact]
    public void Offers_of_one_agent_for_two_roles_are_accepted_separately()
    {
        var offers = new[] { Offers.Offer(0, "cpus:2;mem:1024", "web"), Offers.Offer(0, "cpus:2;mem:1024", "batch") };
        var requests = Offers.Requests(2, cpus: 2).Select((r, i) => r with { Role = i == 0 ? "web" : "batch" }).ToList();

        var result = OfferMatcher.Match(offers, requests);

        Assert.Equal(["web", "batch"], result.Launches.Select(l => l.Role));
        Assert.All(result.Launches, l => Assert.Single(l.OfferIds));
    }

    [Fact]
    public void Requests_that_cannot_be_launched_are_refused_naming_them()
    {
        var offers = Offers.Agents(1);

        Assert.Contains("'a' has neither", Assert.Throws<ArgumentException>(() => OfferMatcher.Match(offers, [new TaskRequest { Id = "a" }])).Message, StringComparison.Ordinal);
        Assert.Contains("'x-0'", Assert.Throws<ArgumentException>(() => OfferMatcher.Match(offers, [.. Offers.Requests(1, group: "x"), .. Offers.Requests(1, group: "x")])).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => OfferMatcher.Match(offers, Offers.Requests(1, cpus: -1))).Message, StringComparison.Ordinal);
        Assert.Contains("'web/0' contains invalid characters", Assert.Throws<ArgumentException>(() => OfferMatcher.Match(offers, [Offers.Requests(1)[0] with { Id = "web/0" }])).Message, StringComparison.Ordinal);
    }

    private static string Describe(PlacementResult result)
        => string.Join("\n", result.Launches.Select(l => $"{string.Join(",", l.OfferIds)} {string.Join(";", l.Tasks.Select(t => JsonFormatter.Default.Format(t.Task)))}"))
            + "|" + string.Join(",", result.DeclinedOfferIds) + "|" + string.Join(",", result.Pending.Select(p => p.Request.Id + ":" + p.Reason));
}
