using System.Text;
using Mesos.Hosting.Placement;
using Mesos.Hosting.Workloads;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Workloads;

/// <summary>A work's <see cref="TaskRequest"/> goes through the store as itself: every field comes back, and a damaged record is named.</summary>
public sealed class WorkloadCodecTests
{
    [Fact]
    public void Every_field_of_the_task_request_survives_the_store_encoding()
    {
        var spec = new TaskRequest
        {
            Id = string.Empty,
            Name = "render",
            Cpus = 1.5,
            Mem = 512,
            Disk = 100,
            Gpus = 1,
            Ports = 2,
            Role = "analytics",
            ReservedOnly = true,
            Constraints = [PlacementConstraint.Parse("hostname:UNIQUE"), PlacementConstraint.Parse("~zone:IS:a")],
            Fitness = Fitness.Spread,
            Task = new TaskInfo { Name = "render", Command = new CommandInfo { Value = "./render --all" }, Labels = new Labels { Labels_ = { new Label { Key = "team", Value = "pi" } } } },
            Executor = new ExecutorInfo { ExecutorId = new ExecutorID { Value = "renderer" }, Command = new CommandInfo { Value = "./executor" } },
        };
        var work = new Work { Kind = WorkKind.Task, Id = "render-1", Name = "render", Spec = Work.Detached(spec) };

        var decoded = WorkloadCodec.Decode(WorkloadCodec.Encode(work)).Spec;

        Assert.Equal(spec with { Constraints = [] }, decoded with { Constraints = [] });
        Assert.Equal(spec.Constraints, decoded.Constraints);
    }

    [Fact]
    public void A_task_that_is_not_protobuf_fails_loading_naming_the_work()
    {
        var json = """{"Kind":"Task","Id":"render-1","Name":"render","Spec":{"Id":"","Task":"bm90IHByb3RvYnVm"}}""";
        byte[] data = [WorkloadCodec.Format, .. Encoding.UTF8.GetBytes(json)];
        var stored = new StoredWork("task/render-1", data);

        var error = Assert.Throws<WorkloadStoreException>(() => WorkloadCodec.Decode(stored));

        Assert.Contains("work 'task/render-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("TaskInfo", error.Message, StringComparison.Ordinal);
    }
}
